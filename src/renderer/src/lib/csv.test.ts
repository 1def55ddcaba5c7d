import { describe, expect, it } from 'vitest';
import type { Fill, Order } from '../../../shared';
import { csvCell, exportFileName, historyCsv, toCsv, tradesCsv } from './csv';

/** A small RFC 4180 reader, to prove what a spreadsheet would read back. */
function parse(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = csv.replace(/^\uFEFF/, '');
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\r' && body[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += c;
  }
  return rows;
}

describe('csv cells', () => {
  it('quotes commas, quotes and line breaks, and doubles quotes', () => {
    expect(csvCell({ text: 'plain' })).toBe('plain');
    expect(csvCell({ text: 'a,b' })).toBe('"a,b"');
    expect(csvCell({ text: 'say "hi"' })).toBe('"say ""hi"""');
    expect(csvCell({ text: 'two\nlines' })).toBe('"two\nlines"');
  });

  it.each(['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])('defuses a text cell that a spreadsheet would run: %j', (hostile) => {
    const written = csvCell({ text: hostile });
    expect(parse(`${written}\r\n`)[0]![0]).toBe(`'${hostile}`);
  });

  it('leaves figures alone (a negative figure is a number, not a formula)', () => {
    expect(csvCell({ figure: '-0.5' })).toBe('-0.5');
    expect(csvCell({ figure: '87151.50' })).toBe('87151.50');
  });

  it('starts with a byte-order mark and ends every line with CRLF', () => {
    expect(toCsv(['a', 'b'], [[{ text: 'x' }, { figure: '1' }]])).toBe('\uFEFFa,b\r\nx,1\r\n');
  });
});

const order = (over: Partial<Order>): Order => ({
  accountId: 'acc-1', exchange: 'icrypex', symbol: 'BTCUSDT', id: '1001', side: 'buy', type: 'limit', status: 'filled',
  price: '87151.5', quantity: '0.01', filledQuantity: '0.01', createdAt: Date.UTC(2026, 11, 3, 10), updatedAt: Date.UTC(2026, 11, 3, 11), ...over,
});

describe('historyCsv / tradesCsv', () => {
  it('writes the history newest first, in full precision, with hostile exchange text defused', () => {
    const csv = historyCsv(
      [order({ id: '1', updatedAt: 1 }), order({ id: '=cmd|"/c calc"!A1', updatedAt: 2, price: undefined, type: 'market', accountId: 'acc-2' })],
      (id) => (id === 'acc-2' ? 'Main, "big"' : 'Demo'),
    );
    const rows = parse(csv);
    expect(rows[0]).toEqual(['updated (UTC)', 'account', 'symbol', 'side', 'type', 'price', 'quantity', 'filled', 'status', 'order id', 'client id', 'created (UTC)']);
    expect(rows.slice(1).map((r) => [r[1], r[4], r[5], r[9]])).toEqual([
      ['Main, "big"', 'market', '', `'=cmd|"/c calc"!A1`],
      ['Demo', 'limit', '87151.5', '1'],
    ]);
    expect(rows[1]![0]).toBe('1970-01-01T00:00:00.002Z');
  });

  it('writes my trades with fee and fee asset', () => {
    const fill: Fill = { accountId: 'acc-1', exchange: 'cryptocom', symbol: 'ETHUSDT', id: 't-9', orderId: 'o-1', side: 'sell', price: '3000.25', quantity: '0.123456789', fee: '0.0004', feeAsset: 'USDT', time: Date.UTC(2026, 0, 2) };
    expect(parse(tradesCsv([fill], () => 'Demo'))[1]).toEqual(['2026-01-02T00:00:00.000Z', 'Demo', 'ETHUSDT', 'sell', '3000.25', '0.123456789', '0.0004', 'USDT', 'o-1', 't-9']);
  });

  it('suggests a file name the save channel accepts', () => {
    const now = Date.UTC(2026, 11, 3);
    expect(exportFileName('history', 'BTCUSDT', now)).toBe('order-history-BTCUSDT-2026-12-03.csv');
    expect(exportFileName('fills', undefined, now)).toBe('my-trades-all-symbols-2026-12-03.csv');
  });
});
