import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  DEFAULT_KEYMAP,
  chordOf,
  keymapFromOverrides,
  keymapOverrides,
  normalizeChord,
  rebind,
  resolveAction,
  type KeyInput,
} from './keymap';

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
      'Ctrl+3': 'pane.focus-3',
      'Alt+2': 'account.switch-2',
      '/': 'symbol.search',
      Escape: 'orders.cancel-last',
    };
    for (const [chord, action] of Object.entries(want)) {
      expect(resolveAction(DEFAULT_KEYMAP, chord, ['global'], false)).toBe(action);
    }
    expect(resolveAction(DEFAULT_KEYMAP, 'ArrowUp', ['price', 'ticket', 'global'], true)).toBe('price.tick-up');
    expect(resolveAction(DEFAULT_KEYMAP, 'Shift+ArrowDown', ['price', 'ticket', 'global'], true)).toBe('price.ten-ticks-down');
    expect(resolveAction(DEFAULT_KEYMAP, '3', ['quantity', 'ticket', 'global'], true)).toBe('quantity.pct-75');
    expect(resolveAction(DEFAULT_KEYMAP, 'Enter', ['quantity', 'ticket', 'global'], true)).toBe('ticket.submit');
    expect(resolveAction(DEFAULT_KEYMAP, 'Tab', ['ticket', 'global'], false)).toBe('ticket.next-field');
  });

  it('lets the most specific context win: Esc closes the ticket inside it, cancels the last order outside', () => {
    expect(resolveAction(DEFAULT_KEYMAP, 'Escape', ['price', 'ticket', 'global'], true)).toBe('ticket.close');
    expect(resolveAction(DEFAULT_KEYMAP, 'Escape', ['overlay'], true)).toBe('overlay.close');
    expect(resolveAction(DEFAULT_KEYMAP, 'Escape', ['global'], false)).toBe('orders.cancel-last');
  });

  it('does not fire a typing key bound globally while the focus is in a text field', () => {
    // "b" typed into the account label field must type a b, not open the ticket.
    expect(resolveAction(DEFAULT_KEYMAP, 'B', ['global'], true)).toBeUndefined();
    expect(resolveAction(DEFAULT_KEYMAP, 'Ctrl+K', ['global'], true)).toBe('palette.open');
    // Digits in the price field type digits: the percent keys live only in quantity.
    expect(resolveAction(DEFAULT_KEYMAP, '2', ['price', 'ticket', 'global'], true)).toBeUndefined();
  });
});

describe('rebind and persistence', () => {
  it('moves an action to a new chord and the old chord stops working', () => {
    const result = rebind(DEFAULT_KEYMAP, 'ticket.buy', 'F2');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(resolveAction(result.keymap, 'F2', ['global'], false)).toBe('ticket.buy');
    expect(resolveAction(result.keymap, 'B', ['global'], false)).toBeUndefined();
  });

  it('refuses a chord another action in the same context uses, naming that action', () => {
    const result = rebind(DEFAULT_KEYMAP, 'ticket.buy', 's');
    expect(result).toEqual({ ok: false, message: expect.stringContaining('Open the ticket on sell') });
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
