import { describe, expect, it } from 'vitest';
import { parseCommand } from './palette-grammar';
import { paneKeyOf } from './palette-panes';

const ok = (input: string) => {
  const parsed = parseCommand(input);
  if (!parsed.ok) throw new Error(`${input}: ${parsed.message}`);
  return parsed.command;
};
const message = (input: string) => {
  const parsed = parseCommand(input);
  expect(parsed.ok).toBe(false);
  return parsed.ok ? '' : parsed.message;
};

describe('pane commands in the palette (issue 13 #3)', () => {
  it('names panes and their copies however they are typed', () => {
    expect(paneKeyOf(['book'])).toMatchObject({ ok: true, key: 'book', used: 1 });
    expect(paneKeyOf(['book', '2'])).toMatchObject({ ok: true, key: 'book-2', used: 2 });
    expect(paneKeyOf(['book-3'])).toMatchObject({ ok: true, key: 'book-3', used: 1 });
    expect(paneKeyOf(['book2'])).toMatchObject({ ok: true, key: 'book-2' });
    expect(paneKeyOf(['trades'])).toMatchObject({ ok: true, key: 'tape' });
    expect(paneKeyOf(['bal'])).toMatchObject({ ok: true, key: 'balances' });
    expect(paneKeyOf(['nothing'])).toMatchObject({ ok: false });
  });

  it('pins to an account, with or without to/on, and unpins', () => {
    expect(ok('pin book to Crypto.com demo')).toEqual({ kind: 'pin', pane: 'book', account: 'crypto.com demo' });
    expect(ok('pin book 2 icx-2')).toEqual({ kind: 'pin', pane: 'book-2', account: 'icx-2' });
    expect(ok('pin ticket on icx-main')).toEqual({ kind: 'pin', pane: 'ticket', account: 'icx-main' });
    expect(ok('unpin book')).toEqual({ kind: 'pin', pane: 'book' });
    expect(ok('follow chart')).toEqual({ kind: 'pin', pane: 'chart' });
    expect(ok('pin tape follow')).toEqual({ kind: 'pin', pane: 'tape' });
  });

  it('duplicates, optionally pinned, and closes copies only', () => {
    expect(ok('duplicate book on icx-2')).toEqual({ kind: 'duplicate', pane: 'book', account: 'icx-2' });
    expect(ok('dup tape')).toEqual({ kind: 'duplicate', pane: 'tape' });
    expect(ok('close book 2')).toEqual({ kind: 'close-pane', pane: 'book-2' });
    expect(message('close book')).toMatch(/only a copy closes/);
    expect(message('duplicate ticket')).toMatch(/cannot be duplicated/);
    expect(message('pin accounts to x')).toMatch(/cannot be pinned/);
    expect(message('pin book')).toMatch(/to which account/);
    expect(message('pin')).toMatch(/which pane/);
  });
});
