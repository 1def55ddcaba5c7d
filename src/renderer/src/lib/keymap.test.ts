import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  DEFAULT_KEYMAP,
  defaultKeymap,
  describeChord,
  isMacPlatform,
  shortChord,
  chordOf,
  keymapFromOverrides,
  keymapOverrides,
  normalizeChord,
  rebind,
  resolveAction,
  type KeyInput,
} from './keymap';
import { assertOk } from '../../../../tests/support/result';

const key = (k: string, code: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  code,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...mods,
});

describe('chordOf', () => {
  it('names letters by the layout and digits by the physical key, modifiers in a fixed order', () => {
    expect(chordOf(key('k', 'KeyK', { ctrlKey: true }))).toBe('Ctrl+K');
    expect(chordOf(key('X', 'KeyX', { ctrlKey: true, shiftKey: true }))).toBe('Ctrl+Shift+X');
    // Shift+1 types "!" and Alt+1 on a Mac types "¡": both are still the 1 key.
    expect(chordOf(key('!', 'Digit1', { shiftKey: true }))).toBe('Shift+1');
    expect(chordOf(key('¡', 'Digit1', { altKey: true }))).toBe('Alt+1');
    expect(chordOf(key('/', 'Slash'))).toBe('/');
    expect(chordOf(key('ArrowUp', 'ArrowUp', { shiftKey: true }))).toBe('Shift+ArrowUp');
  });

  it('ignores a lone modifier', () => {
    expect(chordOf(key('Control', 'ControlLeft', { ctrlKey: true }))).toBeUndefined();
    expect(chordOf(key('Shift', 'ShiftLeft', { shiftKey: true }))).toBeUndefined();
  });
});

describe('normalizeChord', () => {
  it('accepts what a person types and returns the canonical chord', () => {
    expect(normalizeChord('shift + ctrl + x')).toEqual({ ok: true, chord: 'Ctrl+Shift+X' });
    expect(normalizeChord('esc')).toEqual({ ok: true, chord: 'Escape' });
    expect(normalizeChord('alt+1')).toEqual({ ok: true, chord: 'Alt+1' });
    expect(normalizeChord('f2')).toEqual({ ok: true, chord: 'F2' });
    expect(normalizeChord('')).toEqual({ ok: true, chord: '' });
  });

  it('explains what is wrong with a chord it cannot use', () => {
    expect(normalizeChord('ctrl+shift')).toEqual({ ok: false, message: expect.stringMatching(/no key/) });
    expect(normalizeChord('a+b')).toEqual({ ok: false, message: expect.stringMatching(/two keys/) });
    expect(normalizeChord('ctrl+banana')).toEqual({ ok: false, message: expect.stringMatching(/not a key name/) });
  });
});

describe('resolveAction', () => {
  it('covers the whole ux.md starting keymap', () => {
    const want: Record<string, string> = {
      'Ctrl+K': 'palette.open',
      B: 'ticket.buy',
      S: 'ticket.sell',
      'Ctrl+Shift+X': 'orders.cancel-all-symbol',
      'Ctrl+Alt+Shift+X': 'orders.cancel-all',
      'Ctrl+Alt+Shift+A': 'orders.cancel-all-accounts',
      'Ctrl+3': 'pane.focus-3',
      'Alt+2': 'account.switch-2',
      '/': 'symbol.search',
      Escape: 'ui.dismiss',
      'Ctrl+Shift+Z': 'orders.cancel-last',
    };
    for (const [chord, action] of Object.entries(want)) {
      expect(resolveAction(DEFAULT_KEYMAP, chord, ['global'], false)).toBe(action);
    }
    expect(resolveAction(DEFAULT_KEYMAP, 'ArrowUp', ['price', 'ticket', 'global'], true)).toBe('price.tick-up');
    expect(resolveAction(DEFAULT_KEYMAP, 'Shift+ArrowDown', ['price', 'ticket', 'global'], true)).toBe('price.ten-ticks-down');
    expect(resolveAction(DEFAULT_KEYMAP, 'Alt+3', ['quantity', 'ticket', 'global'], true)).toBe('quantity.pct-75');
    expect(resolveAction(DEFAULT_KEYMAP, 'Enter', ['quantity', 'ticket', 'global'], true)).toBe('ticket.submit');
    expect(resolveAction(DEFAULT_KEYMAP, 'Tab', ['ticket', 'global'], false)).toBe('ticket.next-field');
  });

  it('lets the most specific context win: Esc closes the ticket inside it, dismisses outside; Alt+n sizes in quantity, switches accounts elsewhere', () => {
    expect(resolveAction(DEFAULT_KEYMAP, 'Escape', ['price', 'ticket', 'global'], true)).toBe('ticket.close');
    expect(resolveAction(DEFAULT_KEYMAP, 'Escape', ['overlay'], true)).toBe('overlay.close');
    expect(resolveAction(DEFAULT_KEYMAP, 'Escape', ['global'], false)).toBe('ui.dismiss');
    expect(resolveAction(DEFAULT_KEYMAP, 'Alt+2', ['quantity', 'ticket', 'global'], true)).toBe('quantity.pct-50');
    expect(resolveAction(DEFAULT_KEYMAP, 'Alt+2', ['price', 'ticket', 'global'], true)).toBe('account.switch-2');
    expect(resolveAction(DEFAULT_KEYMAP, 'Alt+5', ['quantity', 'ticket', 'global'], true)).toBe('account.switch-5');
  });

  it('never cancels on Esc, in any context', () => {
    const contexts = [['global'], ['ticket', 'global'], ['quantity', 'ticket', 'global'], ['orders', 'global'], ['overlay']] as const;
    for (const at of contexts) {
      for (const field of [true, false]) {
        const action = resolveAction(DEFAULT_KEYMAP, 'Escape', at, field);
        expect(action ?? '', `${at.join('>')} field=${field}`).not.toMatch(/cancel/);
      }
    }
  });

  it('does not fire a typing key bound globally while the focus is in a text field', () => {
    // "b" typed into the account label field must type a b, not open the ticket.
    expect(resolveAction(DEFAULT_KEYMAP, 'B', ['global'], true)).toBeUndefined();
    expect(resolveAction(DEFAULT_KEYMAP, 'Ctrl+K', ['global'], true)).toBe('palette.open');
    // Digits type digits in every ticket field, the quantity included (issue 11).
    for (const digit of ['0', '1', '2', '3', '4', '5', '9', '.', '%']) {
      expect(resolveAction(DEFAULT_KEYMAP, digit, ['quantity', 'ticket', 'global'], true), digit).toBeUndefined();
      expect(resolveAction(DEFAULT_KEYMAP, digit, ['price', 'ticket', 'global'], true), digit).toBeUndefined();
    }
  });

  it('ignores a bare printable key bound (by an old saved keymap) where a field has the focus', () => {
    const old = { ...DEFAULT_KEYMAP, 'quantity.pct-25': '1' };
    expect(resolveAction(old, '1', ['quantity', 'ticket', 'global'], true)).toBeUndefined();
  });
});

describe('rebind and persistence', () => {
  it('moves an action to a new chord and the old chord stops working', () => {
    const result = rebind(DEFAULT_KEYMAP, 'ticket.buy', 'F2');
    assertOk(result);
    expect(resolveAction(result.keymap, 'F2', ['global'], false)).toBe('ticket.buy');
    expect(resolveAction(result.keymap, 'B', ['global'], false)).toBeUndefined();
  });

  it('refuses a chord another action in the same context uses, naming that action', () => {
    const result = rebind(DEFAULT_KEYMAP, 'ticket.buy', 's');
    expect(result).toEqual({ ok: false, message: expect.stringContaining('Open the ticket on sell') });
  });

  it('refuses a bare printable key for an action that fires inside a text field', () => {
    expect(rebind(DEFAULT_KEYMAP, 'quantity.pct-25', '1')).toEqual({ ok: false, message: expect.stringContaining('would type into the field') });
    expect(rebind(DEFAULT_KEYMAP, 'ticket.submit', 'Shift+S')).toEqual({ ok: false, message: expect.stringContaining('would type into the field') });
    expect(rebind(DEFAULT_KEYMAP, 'quantity.pct-25', 'Ctrl+Alt+1').ok).toBe(true);
    // Outside fields a letter is fine (E moves the selected order).
    expect(rebind(DEFAULT_KEYMAP, 'orders.move-selected', 'M').ok).toBe(true);
  });

  it('drops a saved bare-digit percent key (older versions) back to its chord', () => {
    expect(keymapFromOverrides({ 'quantity.pct-25': '1' })['quantity.pct-25']).toBe('Alt+1');
  });

  it('allows the same chord in different contexts (Escape in ticket and global)', () => {
    const result = rebind(DEFAULT_KEYMAP, 'price.tick-up', 'Escape');
    expect(result.ok).toBe(true);
  });

  it('saves only the changes and restores them, including a swap of two chords', () => {
    let keymap = { ...DEFAULT_KEYMAP, 'ticket.buy': '', 'ticket.sell': '' };
    keymap = { ...keymap, 'ticket.buy': 'S', 'ticket.sell': 'B' };
    const saved = JSON.parse(JSON.stringify(keymapOverrides(keymap))) as unknown;
    expect(saved).toEqual({ 'ticket.buy': 'S', 'ticket.sell': 'B' });
    const restored = keymapFromOverrides(saved);
    expect(restored['ticket.buy']).toBe('S');
    expect(restored['ticket.sell']).toBe('B');
    expect(restored['palette.open']).toBe('Ctrl+K');
  });

  it('drops unknown actions, bad chords and clashes from a saved keymap instead of breaking', () => {
    const restored = keymapFromOverrides({ 'no.such': 'F1', 'ticket.buy': 'ctrl+banana', 'ticket.sell': 'Ctrl+K' });
    expect(restored['ticket.buy']).toBe('B');
    // Ctrl+K stays the palette's: the clashing override falls back to the default.
    expect(restored['palette.open']).toBe('Ctrl+K');
    expect(restored['ticket.sell']).toBe('S');
    expect(keymapFromOverrides('garbage')).toEqual(DEFAULT_KEYMAP);
  });

  it('has no two default actions on one chord in one context', () => {
    const seen = new Set<string>();
    for (const action of ACTIONS) {
      const slot = `${action.context}:${action.chord}`;
      expect(seen.has(slot), slot).toBe(false);
      seen.add(slot);
    }
  });
});

describe('Mod chords (Cmd on macOS, Ctrl elsewhere)', () => {
  it('makes the defaults real for each platform', () => {
    const mac = defaultKeymap(true);
    const linux = defaultKeymap(false);
    expect([mac['palette.open'], mac['settings.open'], mac['pane.focus-3'], mac['orders.cancel-all']]).toEqual(['Meta+K', 'Meta+,', 'Meta+3', 'Alt+Shift+Meta+X']);
    expect([linux['palette.open'], linux['settings.open'], linux['pane.focus-3'], linux['orders.cancel-all']]).toEqual(['Ctrl+K', 'Ctrl+,', 'Ctrl+3', 'Ctrl+Alt+Shift+X']);
    // Cmd+Shift+Z is Redo on a Mac: cancel-last stays on Ctrl there.
    expect(mac['orders.cancel-last']).toBe('Ctrl+Shift+Z');
    expect(Object.values(mac).some((c) => c.includes('Mod'))).toBe(false);
  });

  it('fires on the platform modifier: Cmd+K on a Mac opens the palette, Ctrl+K does not', () => {
    const mac = defaultKeymap(true);
    const key = { key: 'k', code: 'KeyK', altKey: false, shiftKey: false };
    expect(resolveAction(mac, chordOf({ ...key, ctrlKey: false, metaKey: true })!, ['global'], false)).toBe('palette.open');
    expect(resolveAction(mac, chordOf({ ...key, ctrlKey: true, metaKey: false })!, ['global'], false)).toBeUndefined();
  });

  it('reads "Mod" typed in the keymap editor as the platform modifier, and shows Meta as Cmd on a Mac', () => {
    expect(normalizeChord('mod+shift+k', true)).toEqual({ ok: true, chord: 'Shift+Meta+K' });
    expect(normalizeChord('mod+shift+k', false)).toEqual({ ok: true, chord: 'Ctrl+Shift+K' });
    expect(describeChord('Meta+K', true)).toBe('Cmd+K');
    expect(describeChord('Shift+Meta+ArrowUp', true)).toBe('Shift+Cmd+↑');
    expect(shortChord('Meta+1', true)).toBe('⌘1');
    expect(shortChord('Ctrl+1', false)).toBe('^1');
  });

  it('knows a Mac from navigator', () => {
    expect(isMacPlatform({ platform: 'MacIntel' })).toBe(true);
    expect(isMacPlatform({ userAgentData: { platform: 'macOS' } })).toBe(true);
    expect(isMacPlatform({ platform: 'Linux x86_64' })).toBe(false);
    expect(isMacPlatform({ platform: 'Win32' })).toBe(false);
  });
});
