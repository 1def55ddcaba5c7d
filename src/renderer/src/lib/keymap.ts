/**
 * The keymap (ux.md "Keyboard first"): every action, its default chord, the context it works
 * in, and the pure functions that turn a keydown into an action. No DOM here, so it is unit
 * tested; `use-hotkeys.ts` wires it to the document.
 */

/**
 * Where a binding applies. More specific contexts win over `global` when the same chord is
 * bound in both: Esc closes the ticket inside it and dismisses outside it; Alt+1…4 size the
 * quantity while the quantity (or total) field has the focus and switch accounts elsewhere.
 */
export type KeyContext = 'global' | 'ticket' | 'price' | 'quantity' | 'orders' | 'chart' | 'overlay';

const PANE_KEYS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
/** In the order a canonical chord lists them. */
const MODIFIERS = ['Ctrl', 'Alt', 'Shift', 'Meta'] as const;

/**
 * `Mod` in a default chord is Cmd on macOS and Ctrl elsewhere (issue 15, must-have 8), as every
 * desktop app does it. The keymap itself always holds real modifiers (`Meta+K` on a Mac, `Ctrl+K`
 * elsewhere): what a keydown produces, what is saved, what the editor shows.
 */
export function isMacPlatform(nav: { platform?: string; userAgentData?: { platform?: string } } | undefined = typeof navigator === 'undefined' ? undefined : (navigator as never)): boolean {
  const name = nav?.userAgentData?.platform || nav?.platform || '';
  return /^mac/i.test(name);
}
const IS_MAC = isMacPlatform();

export const ACTIONS = [
  { id: 'palette.open', label: 'Command palette', context: 'global', chord: 'Mod+K' },
  { id: 'ticket.buy', label: 'Open the ticket on buy', context: 'global', chord: 'B' },
  { id: 'ticket.sell', label: 'Open the ticket on sell', context: 'global', chord: 'S' },
  { id: 'symbol.search', label: 'Symbol search', context: 'global', chord: '/' },
  // Esc only dismisses; cancelling is never a side effect of it (issue 11). Ctrl+Shift+Z reads
  // as "undo the last order" and sits next to Ctrl+Shift+X (cancel all). It stays Ctrl on a Mac:
  // Cmd+Shift+Z is Redo in every text field there, and the menu takes it first.
  { id: 'ui.dismiss', label: 'Dismiss: leave the field, close the newest notice', context: 'global', chord: 'Escape' },
  { id: 'orders.cancel-last', label: 'Cancel the last order placed here', context: 'global', chord: 'Ctrl+Shift+Z' },
  { id: 'orders.cancel-all-symbol', label: 'Cancel all orders of the active account on the active symbol', context: 'global', chord: 'Mod+Shift+X' },
  { id: 'orders.cancel-all', label: 'Cancel all orders of the active account on every symbol', context: 'global', chord: 'Mod+Alt+Shift+X' },
  // Issue 13 #4: the panic key across accounts. Three modifiers, like its one-account twin.
  { id: 'orders.cancel-all-accounts', label: 'Cancel all orders on every account, every symbol', context: 'global', chord: 'Mod+Alt+Shift+A' },
  { id: 'settings.open', label: 'Settings and keymap', context: 'global', chord: 'Mod+,' },
  ...PANE_KEYS.map((n) => ({ id: `pane.focus-${n}`, label: `Focus pane ${n}`, context: 'global', chord: `Mod+${n}` }) as const),
  ...PANE_KEYS.map((n) => ({ id: `account.switch-${n}`, label: `Switch to account ${n}`, context: 'global', chord: `Alt+${n}` }) as const),
  { id: 'ticket.submit', label: 'Submit (again to confirm)', context: 'ticket', chord: 'Enter' },
  { id: 'ticket.close', label: 'Close the ticket', context: 'ticket', chord: 'Escape' },
  { id: 'ticket.next-field', label: 'Next ticket field', context: 'ticket', chord: 'Tab' },
  { id: 'ticket.prev-field', label: 'Previous ticket field', context: 'ticket', chord: 'Shift+Tab' },
  { id: 'price.tick-up', label: 'Price up one tick', context: 'price', chord: 'ArrowUp' },
  { id: 'price.tick-down', label: 'Price down one tick', context: 'price', chord: 'ArrowDown' },
  { id: 'price.ten-ticks-up', label: 'Price up ten ticks', context: 'price', chord: 'Shift+ArrowUp' },
  { id: 'price.ten-ticks-down', label: 'Price down ten ticks', context: 'price', chord: 'Shift+ArrowDown' },
  { id: 'quantity.pct-25', label: '25 % of available', context: 'quantity', chord: 'Alt+1' },
  { id: 'quantity.pct-50', label: '50 % of available', context: 'quantity', chord: 'Alt+2' },
  { id: 'quantity.pct-75', label: '75 % of available', context: 'quantity', chord: 'Alt+3' },
  { id: 'quantity.pct-100', label: '100 % of available', context: 'quantity', chord: 'Alt+4' },
  { id: 'orders.cancel-selected', label: 'Cancel the selected order', context: 'orders', chord: 'Delete' },
  { id: 'orders.move-selected', label: 'Move the selected order (new price)', context: 'orders', chord: 'E' },
  { id: 'chart.alert', label: 'Price alert at the crosshair (crossing it)', context: 'chart', chord: 'A' },
  { id: 'overlay.close', label: 'Close the palette or dialog', context: 'overlay', chord: 'Escape' },
] as const satisfies readonly { id: string; label: string; context: KeyContext; chord: string }[];

export type ActionId = (typeof ACTIONS)[number]['id'];
export type ActionSpec = (typeof ACTIONS)[number];
/** Action id → chord ('' = unbound). */
export type Keymap = Record<ActionId, string>;

const BY_ID = new Map<string, ActionSpec>(ACTIONS.map((a) => [a.id, a]));

export function actionSpec(id: ActionId): ActionSpec {
  return BY_ID.get(id)!;
}

export function isActionId(value: string): value is ActionId {
  return BY_ID.has(value);
}

/** A default chord with `Mod` made real for the platform (`Mod+Shift+X` → `Meta+Shift+X` on a Mac). */
export function platformChord(chord: string, mac = IS_MAC): string {
  if (!/^Mod\+/.test(chord)) return chord;
  const parsed = normalizeChord(chord, mac);
  return parsed.ok ? parsed.chord : chord;
}

/** The default keymap of a platform. */
export function defaultKeymap(mac = IS_MAC): Keymap {
  return Object.fromEntries(ACTIONS.map((a) => [a.id, platformChord(a.chord, mac)])) as Keymap;
}

export const DEFAULT_KEYMAP: Keymap = defaultKeymap();

/** The fields of a KeyboardEvent the keymap reads (so tests need no DOM). */
export interface KeyInput {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

const MODIFIER_KEYS = new Set(['Control', 'Alt', 'Shift', 'Meta', 'AltGraph', 'OS', 'CapsLock']);
const CODE_NAMES: Record<string, string> = {
  Slash: '/',
  Comma: ',',
  Period: '.',
  Semicolon: ';',
  Quote: "'",
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Minus: '-',
  Equal: '=',
  Backquote: '`',
  Space: 'Space',
  NumpadEnter: 'Enter',
};
const KEY_ALIASES: Record<string, string> = { Esc: 'Escape', Del: 'Delete', Up: 'ArrowUp', Down: 'ArrowDown', Left: 'ArrowLeft', Right: 'ArrowRight', ' ': 'Space' };

/**
 * The key part of a chord. Letters follow the layout (`key`), digits and punctuation follow the
 * physical key (`code`), so Shift+1 is still `1` and Alt+1 on a Mac (`¡`) is still `1`.
 */
export function keyName(input: Pick<KeyInput, 'key' | 'code'>): string | undefined {
  if (MODIFIER_KEYS.has(input.key)) return undefined;
  if (/^[a-z]$/i.test(input.key)) return input.key.toUpperCase();
  if (/^Digit[0-9]$/.test(input.code)) return input.code.slice(5);
  if (/^Numpad[0-9]$/.test(input.code)) return input.code.slice(6);
  if (/^Key[A-Z]$/.test(input.code)) return input.code.slice(3);
  const named = CODE_NAMES[input.code];
  if (named) return named;
  if (input.key.length === 1) return input.key.toUpperCase();
  return KEY_ALIASES[input.key] ?? input.key;
}

/** The canonical chord of a keydown, e.g. `Ctrl+Shift+X`; undefined for a lone modifier. */
export function chordOf(input: KeyInput): string | undefined {
  const key = keyName(input);
  if (!key) return undefined;
  const parts: string[] = [];
  if (input.ctrlKey) parts.push('Ctrl');
  if (input.altKey) parts.push('Alt');
  if (input.shiftKey) parts.push('Shift');
  if (input.metaKey) parts.push('Meta');
  parts.push(key);
  return parts.join('+');
}

/**
 * Parses a chord a person typed (`ctrl+shift+x`, `Esc`, `alt + 1`) into canonical form, or
 * explains what is wrong with it.
 */
export function normalizeChord(text: string, mac = IS_MAC): { ok: true; chord: string } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, chord: '' };
  // A lone '+' is a key; otherwise '+' separates parts.
  const parts = trimmed === '+' ? ['+'] : trimmed.split(/\s*\+\s*/);
  const mods = new Set<string>();
  let key: string | undefined;
  for (const raw of parts) {
    if (raw === '') return { ok: false, message: `"${text}" has an empty part` };
    const mod = MODIFIERS.find((m) => m.toLowerCase() === raw.toLowerCase()) ??
      (/^(control|cmd|command)$/i.test(raw) ? (raw.toLowerCase() === 'control' ? 'Ctrl' : 'Meta') : undefined) ??
      (/^mod$/i.test(raw) ? (mac ? 'Meta' : 'Ctrl') : undefined);
    if (mod) {
      if (key !== undefined) return { ok: false, message: `modifiers come before the key in "${text}"` };
      mods.add(mod);
      continue;
    }
    if (key !== undefined) return { ok: false, message: `"${text}" names two keys (${key} and ${raw}); use one key with modifiers` };
    key = raw.length === 1 ? raw.toUpperCase() : canonicalNamedKey(raw);
    if (!key) return { ok: false, message: `"${raw}" is not a key name (try Enter, Escape, ArrowUp, F2, Delete or a letter)` };
  }
  if (key === undefined) return { ok: false, message: `"${text}" has no key, only modifiers` };
  return { ok: true, chord: [...MODIFIERS.filter((m) => mods.has(m)), key].join('+') };
}

const NAMED_KEYS = [
  'Enter', 'Escape', 'Tab', 'Space', 'Backspace', 'Delete', 'Insert', 'Home', 'End', 'PageUp', 'PageDown',
  'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight',
  ...Array.from({ length: 12 }, (_, i) => `F${i + 1}`),
];

function canonicalNamedKey(raw: string): string | undefined {
  const alias = Object.entries(KEY_ALIASES).find(([k]) => k.toLowerCase() === raw.toLowerCase())?.[1];
  if (alias) return alias;
  return NAMED_KEYS.find((k) => k.toLowerCase() === raw.toLowerCase());
}

/** True when the chord, pressed in a text field, would type a character there. */
export function typesText(chord: string): boolean {
  const parts = chord.split('+');
  const key = parts[parts.length - 1] ?? '';
  const mods = parts.slice(0, -1);
  if (mods.some((m) => m === 'Ctrl' || m === 'Alt' || m === 'Meta')) return false;
  return key.length === 1 || key === 'Space' || key === 'Backspace' || key === 'Delete' || key.startsWith('Arrow') || key === 'Home' || key === 'End';
}

/** Contexts whose bindings fire while a text field has the focus (ticket fields, palette). */
const TEXT_CONTEXTS: ReadonlySet<KeyContext> = new Set(['ticket', 'price', 'quantity', 'overlay']);

/**
 * True when the chord is a bare printable key (a letter, digit, sign or space, with or without
 * Shift): typed into a field it is text, so it never gets a second meaning there.
 */
export function isPrintable(chord: string): boolean {
  const parts = chord.split('+');
  const key = parts[parts.length - 1] ?? '';
  if (parts.slice(0, -1).some((m) => m === 'Ctrl' || m === 'Alt' || m === 'Meta')) return false;
  return key.length === 1 || key === 'Space';
}

/**
 * Which action a chord triggers, given the contexts active at the focus (most specific first).
 * `inTextField`: global chords that would type a character do not fire there.
 */
export function resolveAction(
  keymap: Keymap,
  chord: string,
  contexts: readonly KeyContext[],
  inTextField: boolean,
): ActionId | undefined {
  for (const context of contexts) {
    for (const action of ACTIONS) {
      if (action.context !== context || keymap[action.id] !== chord) continue;
      if (context === 'global' && inTextField && typesText(chord)) continue;
      // A key typed into a field always types (issue 11): even a saved keymap cannot bind a
      // bare printable key where a text field has the focus.
      if (inTextField && isPrintable(chord)) continue;
      return action.id;
    }
  }
  return undefined;
}

/** The actions that already use `chord` in `context` (other than `except`). */
export function conflictsFor(keymap: Keymap, id: ActionId, chord: string): ActionId[] {
  if (chord === '') return [];
  const context = actionSpec(id).context;
  return ACTIONS.filter((a) => a.id !== id && a.context === context && keymap[a.id] === chord).map((a) => a.id);
}

/** Binds `chord` to `id`, refusing a chord that another action in the same context already uses. */
export function rebind(
  keymap: Keymap,
  id: ActionId,
  chordText: string,
): { ok: true; keymap: Keymap } | { ok: false; message: string } {
  const parsed = normalizeChord(chordText);
  if (!parsed.ok) return parsed;
  const context = actionSpec(id).context;
  if (TEXT_CONTEXTS.has(context) && isPrintable(parsed.chord)) {
    return { ok: false, message: `${parsed.chord} would type into the field; use a chord with Ctrl or Alt for "${actionSpec(id).label}"` };
  }
  const clash = conflictsFor(keymap, id, parsed.chord);
  if (clash.length > 0) {
    const other = actionSpec(clash[0]!);
    return { ok: false, message: `${parsed.chord} is already "${other.label}"; unbind or change that one first` };
  }
  return { ok: true, keymap: { ...keymap, [id]: parsed.chord } };
}

/** The user's changes relative to the defaults (what is saved). */
export function keymapOverrides(keymap: Keymap): Partial<Keymap> {
  const out: Partial<Keymap> = {};
  for (const action of ACTIONS) if (keymap[action.id] !== DEFAULT_KEYMAP[action.id]) out[action.id] = keymap[action.id];
  return out;
}

/**
 * Rebuilds a keymap from saved overrides. Unknown actions and unparsable chords are dropped
 * (a keymap from an older or newer version never breaks the keyboard); a saved chord that
 * clashes with an earlier one in the same context is dropped too.
 */
export function keymapFromOverrides(saved: unknown): Keymap {
  let keymap: Keymap = { ...DEFAULT_KEYMAP };
  if (!saved || typeof saved !== 'object') return keymap;
  const entries = Object.entries(saved as Record<string, unknown>).filter(
    (entry): entry is [ActionId, string] => isActionId(entry[0]) && typeof entry[1] === 'string',
  );
  // Free every overridden chord first, so a saved swap (B↔S) survives the round trip.
  for (const [id] of entries) keymap[id] = '';
  for (const [id, chord] of entries) {
    const next = rebind(keymap, id, chord);
    if (next.ok) keymap = next.keymap;
    else keymap[id] = DEFAULT_KEYMAP[id] && conflictsFor(keymap, id, DEFAULT_KEYMAP[id]).length === 0 ? DEFAULT_KEYMAP[id] : '';
  }
  return keymap;
}

/** Display form of a chord ('' → 'unbound'); Meta reads Cmd on a Mac, Win elsewhere. */
export function describeChord(chord: string, mac = IS_MAC): string {
  if (chord === '') return 'unbound';
  return chord.replace(/(^|\+)Meta(?=\+)/, `$1${mac ? 'Cmd' : 'Win'}`).replace('ArrowUp', '↑').replace('ArrowDown', '↓').replace('ArrowLeft', '←').replace('ArrowRight', '→').replace('Escape', 'Esc');
}

/** The short form a pane title shows: `^1` (Ctrl+1), `⌘1` (Cmd+1 on a Mac). */
export function shortChord(chord: string, mac = IS_MAC): string {
  if (chord === '') return '';
  return describeChord(chord, mac).replace(/^Ctrl\+/, '^').replace(/^Cmd\+/, '⌘');
}
