import { describe, expect, it } from 'vitest';
import { PALETTE_EXAMPLES, matchAccount, matchSymbol, parseCommand } from './palette-grammar';

const parsed = (line: string) => {
  const result = parseCommand(line);
  if (!result.ok) throw new Error(`"${line}" did not parse: ${result.message}`);
  return result.command;
};
const failure = (line: string) => {
  const result = parseCommand(line);
  if (result.ok) throw new Error(`"${line}" parsed as ${JSON.stringify(result.command)}`);
  return result.message;
};

describe('palette grammar: orders', () => {
  it('reads a limit buy with a symbol and a price, with or without spaces around @', () => {
    const want = { kind: 'order', side: 'buy', type: 'limit', quantity: '0.5', symbol: 'btcusdt', price: '48000' };
    expect(parsed('buy 0.5 btcusdt @ 48000')).toEqual(want);
    expect(parsed('BUY 0.5 BTCUSDT @48000')).toEqual(want);
    expect(parsed('b 0.5 btcusdt at 48000')).toEqual(want);
  });

  it('reads a market sell of a percent of available', () => {
    expect(parsed('sell 25% ethusdt market')).toEqual({ kind: 'order', side: 'sell', type: 'market', percent: 25, symbol: 'ethusdt' });
  });

  it('leaves the symbol out when not typed (the active one is used)', () => {
    expect(parsed('s 1.25 @ 3100.5')).toEqual({ kind: 'order', side: 'sell', type: 'limit', quantity: '1.25', price: '3100.5' });
  });

  it('reads stop orders, a market buy by total and a target account', () => {
    expect(parsed('sell 0.1 btcusdt stop 45000 @ 44900')).toMatchObject({ type: 'stop-limit', triggerPrice: '45000', price: '44900' });
    expect(parsed('sell 0.1 btcusdt stop 45000 market')).toMatchObject({ type: 'stop-market', triggerPrice: '45000' });
    expect(parsed('buy $100 btcusdt market')).toMatchObject({ type: 'market', total: '100' });
    expect(parsed('buy 0.5 btcusdt @ 48000 on demo cdc')).toMatchObject({ account: 'demo cdc' });
  });

  it('says what is wrong with a bad order line', () => {
    expect(failure('buy')).toMatch(/how much/);
    expect(failure('buy -0.5 btcusdt @ 48000')).toMatch(/quantity must be greater than 0/);
    expect(failure('buy 0 btcusdt @ 48000')).toMatch(/greater than 0/);
    expect(failure('buy 0,5 btcusdt @ 48000')).toMatch(/use a dot/);
    expect(failure('buy 0.5 btcusdt')).toMatch(/at what price/);
    expect(failure('buy 0.5 btcusdt @ 48000 market')).toMatch(/market order has no limit price/);
    expect(failure('buy 0.5 btcusdt @')).toMatch(/price is missing/);
    expect(failure('sell 150% btcusdt market')).toMatch(/at most 100/);
    expect(failure('sell $100 btcusdt market')).toMatch(/market buys only/);
    expect(failure('buy 0.5 btcusdt ethusdt @ 1')).toMatch(/did not understand "ethusdt"/);
  });
});

describe('palette grammar: other commands', () => {
  it('reads cancel all (active symbol, a symbol, everywhere), cancel last and cancel by id', () => {
    expect(parsed('cancel all')).toEqual({ kind: 'cancel-all', scope: 'symbol' });
    expect(parsed('cancel all ethusdt')).toEqual({ kind: 'cancel-all', scope: 'symbol', symbol: 'ethusdt' });
    expect(parsed('cancel all everywhere')).toEqual({ kind: 'cancel-all', scope: 'everywhere' });
    expect(parsed('cancel last')).toEqual({ kind: 'cancel-last' });
    // Issue 13 #4: across accounts, a group or one named account.
    expect(parsed('cancel all on all accounts')).toEqual({ kind: 'cancel-all', scope: 'symbol', on: { every: true } });
    expect(parsed('cancel all btcusdt on all')).toEqual({ kind: 'cancel-all', scope: 'symbol', symbol: 'btcusdt', on: { every: true } });
    expect(parsed('cancel all everywhere on every account')).toEqual({ kind: 'cancel-all', scope: 'everywhere', on: { every: true } });
    expect(parsed('cancel all everywhere on Desk One')).toEqual({ kind: 'cancel-all', scope: 'everywhere', on: { name: 'desk one' } });
    expect(failure('cancel all btcusdt on')).toMatch(/on which accounts/);
    expect(failure('cancel all btcusdt ethusdt on all')).toMatch(/one symbol/);
    expect(parsed('cancel 12345')).toEqual({ kind: 'cancel-order', orderId: '12345' });
    expect(failure('cancel')).toMatch(/cancel what/);
  });

  it('reads account switches in the forms the ux names', () => {
    expect(parsed('account demo-icrypex')).toEqual({ kind: 'account', query: 'demo-icrypex' });
    expect(parsed('switch account demo')).toEqual({ kind: 'account', query: 'demo' });
    expect(parsed('use main cdc')).toEqual({ kind: 'account', query: 'main cdc' });
  });

  it('reads symbol, focus, theme, read-only, settings and layout commands', () => {
    expect(parsed('/eth-usdt')).toEqual({ kind: 'symbol', query: 'eth-usdt' });
    expect(parsed('symbol ethusdt')).toEqual({ kind: 'symbol', query: 'ethusdt' });
    expect(parsed('focus bo')).toEqual({ kind: 'focus', pane: 'book' });
    expect(parsed('theme cb')).toEqual({ kind: 'theme', theme: 'colorblind' });
    expect(parsed('theme system')).toEqual({ kind: 'theme', theme: 'system' });
    expect(parsed('readonly on')).toEqual({ kind: 'read-only', on: true });
    expect(parsed('keymap')).toEqual({ kind: 'settings' });
    expect(parsed('layout reset')).toEqual({ kind: 'layout-reset' });
    expect(failure('bye')).toMatch(/unknown command "bye"; did you mean buy/);
  });

  it('parses every example it shows', () => {
    for (const example of PALETTE_EXAMPLES) expect(parseCommand(example).ok, example).toBe(true);
  });
});

describe('name resolution', () => {
  const accounts = [
    { id: 'a1', label: 'Demo Icrypex' },
    { id: 'a2', label: 'Demo Crypto.com' },
    { id: 'a3', label: 'Main' },
  ];

  it('matches accounts by id, label, unique prefix or fuzzy letters', () => {
    expect(matchAccount('a3', accounts)).toMatchObject({ ok: true, account: { id: 'a3' } });
    expect(matchAccount('demo icrypex', accounts)).toMatchObject({ ok: true, account: { id: 'a1' } });
    expect(matchAccount('demo cr', accounts)).toMatchObject({ ok: true, account: { id: 'a2' } });
    expect(matchAccount('dicx', accounts)).toMatchObject({ ok: true, account: { id: 'a1' } });
    // The example: words in another order than the label's.
    expect(matchAccount('icrypex-demo', [{ id: 'x', label: 'Demo Icrypex' }, { id: 'y', label: 'Crypto.com demo' }])).toMatchObject({ ok: true, account: { id: 'x' } });
    expect(matchAccount('demo-icrypex', [{ id: 'x', label: 'Icrypex demo' }, { id: 'y', label: 'Crypto.com demo' }])).toMatchObject({ ok: true, account: { id: 'x' } });
  });

  it('refuses an ambiguous or unknown account, listing the candidates', () => {
    expect(matchAccount('demo', accounts)).toEqual({ ok: false, message: '"demo" matches 2 accounts: Demo Icrypex, Demo Crypto.com' });
    expect(matchAccount('zzz', accounts)).toMatchObject({ ok: false, message: expect.stringContaining('have Demo Icrypex') });
  });

  it('matches symbols whatever the separators, and suggests close ones', () => {
    const symbols = ['BTCUSDT', 'ETHUSDT', 'ETHBTC'];
    expect(matchSymbol('eth/usdt', symbols)).toEqual({ ok: true, symbol: 'ETHUSDT' });
    expect(matchSymbol('btcu', symbols)).toEqual({ ok: true, symbol: 'BTCUSDT' });
    expect(matchSymbol('eth', symbols)).toEqual({ ok: false, message: 'no market ETH; did you mean ETHUSDT, ETHBTC?' });
  });
});

describe('basket orders (issue 13 #1)', () => {
  it('reads one leg per account with its own size, or the command\'s', () => {
    expect(parsed('buy 0.01 btcusdt @ 87000 on icx-main=0.02, icx-2=0.01')).toEqual({
      kind: 'order', side: 'buy', type: 'limit', quantity: '0.01', symbol: 'btcusdt', price: '87000',
      legs: [{ account: 'icx-main', quantity: '0.02' }, { account: 'icx-2', quantity: '0.01' }],
    });
    expect(parsed('buy $100 btcusdt market on icrypex demo=$50, crypto.com demo')).toMatchObject({
      type: 'market', total: '100', legs: [{ account: 'icrypex demo', total: '50' }, { account: 'crypto.com demo' }],
    });
    expect(parsed('sell 10% ethusdt market on a, b=25%')).toMatchObject({ percent: 10, legs: [{ account: 'a' }, { account: 'b', percent: 25 }] });
  });

  it('says what is wrong with a leg, naming it', () => {
    expect(failure('buy 0.01 btcusdt @ 1 on a=0.02,, b')).toMatch(/empty leg/);
    expect(failure('buy 0.01 btcusdt @ 1 on a=-1, b')).toMatch(/leg a: quantity must be greater than 0/);
    expect(failure('buy 0.01 btcusdt @ 1 on =0.1, b')).toMatch(/names no account/);
    expect(failure('buy 0.01 btcusdt @ 1 on a=$5, b')).toMatch(/market buys only/);
  });
});

describe('baskets on an account group (issue 13 #2)', () => {
  it('reads on group <name>, with or without a size', () => {
    expect(parsed('buy 0.03 btcusdt @ 87000 on group main-desk')).toEqual({ kind: 'order', side: 'buy', type: 'limit', quantity: '0.03', symbol: 'btcusdt', price: '87000', group: 'main-desk' });
    expect(parsed('buy btcusdt @ 87000 on group Main Desk')).toEqual({ kind: 'order', side: 'buy', type: 'limit', symbol: 'btcusdt', price: '87000', group: 'main desk' });
    expect(parsed('sell 25% market on group g')).toEqual({ kind: 'order', side: 'sell', type: 'market', percent: 25, group: 'g' });
  });

  it('still asks for a size when the line names no group, and for the group name', () => {
    expect(failure('buy btcusdt @ 87000 on icx-main')).toMatch(/quantity "btcusdt" is not a number/);
    expect(failure('buy 0.1 btcusdt @ 87000 on group')).toMatch(/which group\? e\.g\. on group main-desk/);
    expect(failure('buy 0.1 btcusdt @ 87000 on group a=0.1, b')).toMatch(/a group takes no legs/);
  });
});

describe('chart command', () => {
  it('sets any resolution, 1month spelled three ways', () => {
    expect(parseCommand('chart 30m')).toEqual({ ok: true, command: { kind: 'chart', resolution: '30m' } });
    expect(parseCommand('chart 1W')).toEqual({ ok: true, command: { kind: 'chart', resolution: '1w' } });
    for (const word of ['1month', '1mo', 'month']) expect(parseCommand(`chart ${word}`)).toEqual({ ok: true, command: { kind: 'chart', resolution: '1month' } });
  });

  it('names the resolutions when the word is not one', () => {
    expect(parseCommand('chart 2h')).toEqual({ ok: false, message: 'chart takes one resolution: 1m, 5m, 15m, 30m, 1h, 4h, 1d, 1w, 1month' });
  });
});

describe('alert commands', () => {
  it('reads a symbol, a condition and a price in any of the spellings', () => {
    expect(parseCommand('alert btcusdt > 90000')).toEqual({ ok: true, command: { kind: 'alert', symbol: 'btcusdt', condition: 'above', price: '90000' } });
    expect(parseCommand('alert BTCUSDT>90000')).toEqual({ ok: true, command: { kind: 'alert', symbol: 'btcusdt', condition: 'above', price: '90000' } });
    expect(parseCommand('alert <85000.5')).toEqual({ ok: true, command: { kind: 'alert', condition: 'below', price: '85000.5' } });
    expect(parseCommand('alert ethusdt cross 3000')).toEqual({ ok: true, command: { kind: 'alert', symbol: 'ethusdt', condition: 'crossing', price: '3000' } });
    expect(parseCommand('alert x 0.00000712')).toEqual({ ok: true, command: { kind: 'alert', condition: 'crossing', price: '0.00000712' } });
    expect(parseCommand('alerts')).toEqual({ ok: true, command: { kind: 'alerts' } });
  });

  it('says what is wrong in plain words', () => {
    expect(parseCommand('alert btcusdt 90000')).toEqual({ ok: false, message: 'alert when? e.g. alert btcusdt > 90000, alert < 85000, alert x 87000 (crossing)' });
    expect(parseCommand('alert btcusdt >')).toEqual({ ok: false, message: 'alert price is missing' });
    expect(parseCommand('alert btcusdt > 90,000')).toEqual({ ok: false, message: 'alert price "90,000" is not a number such as 0.5 (use a dot, no commas)' });
    expect(parseCommand('alert btc usdt > 1')).toEqual({ ok: false, message: 'did not understand "btc usdt": give one symbol, e.g. alert btcusdt > 90000' });
    expect(parseCommand('alert btcusdt > 1 now')).toEqual({ ok: false, message: 'did not understand "now" after the price' });
  });
});
