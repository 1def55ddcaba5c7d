import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnvelope } from './errors';
import { parseAllTickers, parseDepth, parseKlines, parseOneTicker, parseSymbols, parseTrades } from './map-market';
import { assertOk } from '../../../../tests/support/result';

const FIXTURES = join(__dirname, '../../../../tests/fixtures/chainup-live');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8').trim();

describe('GET /v1/symbols (§5.1)', () => {
  it('maps the spec sample to a market with tick and step from the precisions', () => {
    const [m] = parseSymbols([{ symbol: 'crobtc', count_coin: 'BTC', amount_precision: 2, base_coin: 'CRO', price_precision: 8 }]);
    expect(m).toEqual({
      exchange: 'cryptocom',
      symbol: 'CROBTC',
      nativeSymbol: 'crobtc',
      base: 'CRO',
      quote: 'BTC',
      pricePrecision: 8,
      quantityPrecision: 2,
      tickSize: '0.00000001',
      stepSize: '0.01',
      minNotional: '0',
      orderTypes: ['limit', 'market'],
      status: 'trading',
    });
  });

  it('accepts lower-case coins and string precisions; precision 0 gives a step of 1', () => {
    const [m] = parseSymbols([{ symbol: 'ETHCRO', count_coin: 'cro', amount_precision: '0', base_coin: 'eth', price_precision: '3' }]);
    expect(m).toMatchObject({ symbol: 'ETHCRO', nativeSymbol: 'ethcro', base: 'ETH', quote: 'CRO', stepSize: '1', tickSize: '0.001' });
  });

  it('parses the GroveX symbols row and its envelope (fixture; the row substituted for the source\'s …)', () => {
    const row = fixture('grovex/rest-common-symbols-row-btcusdt.json');
    const envelope = fixture('grovex/rest-common-symbols-envelope.txt').replace('…', row);
    const reply = parseEnvelope(200, envelope, '/v1/symbols');
    assertOk(reply);
    expect(parseSymbols(reply.value)[0]).toMatchObject({ symbol: 'BTCUSDT', pricePrecision: 2, quantityPrecision: 5, stepSize: '0.00001', tickSize: '0.01' });
  });

  it('names the field when a row is broken', () => {
    expect(() => parseSymbols([{ symbol: 'btcusdt', count_coin: 'USDT', base_coin: 'BTC', price_precision: 2, amount_precision: 'x' }])).toThrow(/data\[0\]\.amount_precision/);
    expect(() => parseSymbols({})).toThrow(/data: expected an array/);
  });
});

describe('GET /v1/ticker (§5.2)', () => {
  it('all tickers: strings with trailing zeros, rose as the change ratio, buy/sell as bid/ask', () => {
    const tickers = parseAllTickers(
      {
        date: 1589032904000,
        ticker: [{ symbol: 'crobtc', high: '0.0000071', vol: '12345.6', last: '0.0000069000000000', low: '0.0000066', buy: '0.0000068', sell: '0.0000070', change: '0.0454545455', rose: '0.0454545455' }],
      },
      1,
    );
    expect(tickers).toEqual([
      { exchange: 'cryptocom', symbol: 'CROBTC', last: '0.0000069000000000', high: '0.0000071', low: '0.0000066', changeRatio: 0.0454545455, volume: '12345.6', bid: '0.0000068', ask: '0.0000070', time: 1589032904000 },
    ]);
  });

  it('one ticker: no symbol and no change, numbers accepted, time from the reply', () => {
    const t = parseOneTicker({ high: 9000, vol: 10, last: 8750.12, low: 8600, buy: 8750, sell: 8751, rose: -0.01, time: 1589032904001 }, 'btcusdt', 1);
    expect(t).toMatchObject({ symbol: 'BTCUSDT', last: '8750.12', bid: '8750', ask: '8751', changeRatio: -0.01, time: 1589032904001 });
  });
});

describe('GET /v1/depth (§5.6)', () => {
  it('the 2020 sample: tiny float prices become plain decimals and time null is accepted', () => {
    const book = parseDepth({ tick: { asks: [[0.00000692, 19623.418], [0.00000693, 65620.1]], bids: [[0.0000069, 61216.77]], time: null } }, 'CROBTC', 777);
    expect(book).toEqual({ exchange: 'cryptocom', symbol: 'CROBTC', asks: [['0.00000692', '19623.418'], ['0.00000693', '65620.1']], bids: [['0.0000069', '61216.77']], stale: false, time: 777 });
  });

  it('accepts buys for bids and a time in ms', () => {
    const book = parseDepth({ tick: { asks: [], buys: [['1.5', '2']], time: 5 } }, 'X', 1);
    expect(book).toMatchObject({ bids: [['1.5', '2']], time: 5 });
  });
});

describe('GET /v1/klines and /v1/trades (§5.3, §5.4)', () => {
  it('klines: seconds, numbers, any order in, oldest first out, duplicates collapsed', () => {
    const candles = parseKlines([
      [1588707060, '0.00000704', 0.00000707, 0.00000702, 0.00000704, 95172.4904],
      [1588707000, 0.00000704, 0.00000707, 0.00000702, 0.00000703, 1],
      [1588707060, 1, 2, 0.5, 1.5, 3],
    ]);
    expect(candles.map((c) => c.time)).toEqual([1588707000, 1588707060]);
    expect(candles[1]).toEqual({ time: 1588707060, open: 1, high: 2, low: 0.5, close: 1.5, volume: 3 });
  });

  it('trades: the exact S3 key set, numbers, lower-case type, oldest first', () => {
    const trades = parseTrades(
      [
        { amount: 151.17, price: 0.00000696, ctime: 1589032904000, id: 1887449, type: 'buy' },
        { amount: '2', price: '0.00000695', ctime: 1589032903000, id: 1887448, type: 'SELL' },
      ],
      'CROBTC',
    );
    expect(trades).toEqual([
      { exchange: 'cryptocom', symbol: 'CROBTC', id: '1887448', price: '0.00000695', quantity: '2', side: 'sell', time: 1589032903000 },
      { exchange: 'cryptocom', symbol: 'CROBTC', id: '1887449', price: '0.00000696', quantity: '151.17', side: 'buy', time: 1589032904000 },
    ]);
  });
});
