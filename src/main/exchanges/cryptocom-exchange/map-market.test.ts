import { describe, expect, it } from 'vitest';
import { Market } from '../../../shared';
import { WireError } from '../kit/wire';
import { parseReply } from './errors';
import { parseBook, parseCandle, parseCandles, parseInstruments, parseTickers, parseTrade, parseTrades, symbolOfNative, TIMEFRAME_OF, TIMEFRAMES } from './map-market';

// The literal examples of specs/cryptocom-exchange.md, read through the envelope as a reply would be.
const resultOf = (text: string) => {
  const r = parseReply(200, text, 'm', 'the call');
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

const INSTRUMENT = '{"symbol":"BTC_USDT","inst_type":"CCY_PAIR","display_name":"BTC/USDT","base_ccy":"BTC","quote_ccy":"USDT","quote_decimals":2,"quantity_decimals":5,"price_tick_size":"0.01","qty_tick_size":"0.00001","max_leverage":"50","tradable":true,"expiry_timestamp_ms":0,"beta_product":false,"product_type":"DIGITAL_CURRENCIES","margin_buy_enabled":true,"margin_sell_enabled":true}';
const PERP = '{"symbol":"BTCUSD-PERP","inst_type":"PERPETUAL_SWAP","base_ccy":"BTC","quote_ccy":"USD","quote_decimals":1,"quantity_decimals":4,"price_tick_size":"0.1","qty_tick_size":"0.0001","tradable":true,"underlying_symbol":"BTCUSD-INDEX","contract_size":"1"}';

describe('Crypto.com Exchange public mappers (§5.1-§5.5 literal examples)', () => {
  it('§5.1 instruments: spot rows with tick, step and both precisions; other types left out', () => {
    const markets = parseInstruments(resultOf(`{"id":-1,"method":"public/get-instruments","code":0,"result":{"data":[${INSTRUMENT},${PERP}]}}`));
    expect(markets).toEqual([
      { exchange: 'cryptocom-exchange', symbol: 'BTCUSDT', nativeSymbol: 'BTC_USDT', base: 'BTC', quote: 'USDT', pricePrecision: 2, quantityPrecision: 5, tickSize: '0.01', stepSize: '0.00001', minNotional: '0', orderTypes: ['limit', 'market'], status: 'trading' },
    ]);
    // The contract's own schema accepts the row, except for the id the catalog does not know yet.
    expect(Market.omit({ exchange: true }).safeParse(markets[0]).success).toBe(true);
    const halted = parseInstruments({ data: [{ ...JSON.parse(INSTRUMENT), tradable: false, quote_decimals: undefined }] });
    expect(halted[0]).toMatchObject({ status: 'halted', pricePrecision: 2 });
  });

  it('§5.1 a row with a non-decimal tick names the field', () => {
    expect(() => parseInstruments({ data: [{ ...JSON.parse(INSTRUMENT), price_tick_size: 'abc' }] })).toThrow(new WireError('result.data[0].price_tick_size', 'expected a decimal number, got "abc"'));
  });

  it('§5.2 book: levels of [price, quantity, count] as exact decimal strings, best first', () => {
    const book = parseBook(resultOf('{"id":-1,"method":"public/get-book","code":0,"result":{"depth":50,"instrument_name":"CRO_USDT","data":[{"bids":[["0.04712","2052","1"],["0.04711","3944","1"]],"asks":[["0.04713","26","1"],["0.04714","2123","1"]],"t":1786916799729}]}}'), 'CROUSDT', 5);
    expect(book).toEqual({
      exchange: 'cryptocom-exchange',
      symbol: 'CROUSDT',
      bids: [['0.04712', '2052'], ['0.04711', '3944']],
      asks: [['0.04713', '26'], ['0.04714', '2123']],
      stale: false,
      time: 1786916799729,
    });
  });

  it('§5.3 candlesticks: seconds, oldest first; every time frame of the exchange is mapped from a resolution or listed', () => {
    const candles = parseCandles(resultOf('{"id":-1,"method":"public/get-candlestick","code":0,"result":{"interval":"1m","instrument_name":"BTC_USD","data":[{"o":"26949.89","h":"26957.64","l":"26948.24","c":"26950.00","v":"0.0670","t":1687237080000}]}}'));
    expect(candles).toEqual([{ time: 1687237080, open: 26949.89, high: 26957.64, low: 26948.24, close: 26950, volume: 0.067 }]);
    const reversed = parseCandles({ data: [{ o: '2', h: '2', l: '2', c: '2', v: '0', t: 120_000 }, { o: '1', h: '1', l: '1', c: '1', v: '0', t: 60_000 }] });
    expect(reversed.map((c) => c.time)).toEqual([60, 120]);
    expect(Object.values(TIMEFRAME_OF).every((tf) => (TIMEFRAMES as readonly string[]).includes(tf))).toBe(true);
    expect(TIMEFRAMES).toEqual(['1m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1D', '7D', '14D', '1M']);
    // §7.5: the socket's candle adds `ut`, which is not needed.
    expect(parseCandle({ o: '1', h: '1', l: '1', c: '1', v: '3', t: 1_000, ut: 1_500 }, 'd').volume).toBe(3);
  });

  it('§5.4 public trades: lowercase taker side on REST, uppercase on the socket, oldest first; tn is not read', () => {
    const trades = parseTrades(
      (resultOf('{"id":-1,"method":"public/get-trades","code":0,"result":{"data":[{"d":"1783175254539047051","t":1783175254539,"tn":1783175254539047051,"q":"23","p":"0.06100","s":"buy","i":"CRO_USDT","m":"4611686018464102590"}]}}') as { data: unknown }).data,
      'CROUSDT',
    );
    expect(trades).toEqual([{ exchange: 'cryptocom-exchange', symbol: 'CROUSDT', id: '1783175254539047051', price: '0.06100', quantity: '23', side: 'buy', time: 1783175254539 }]);
    const ws = parseTrade(JSON.parse('{"d":"1786916827322664687","t":1786916827322,"p":"62935.27","q":"0.00432","s":"BUY","i":"BTC_USDT","m":"4611686018688356954"}'), 'BTCUSDT', 'data[0]');
    expect(ws).toMatchObject({ id: '1786916827322664687', price: '62935.27', quantity: '0.00432', side: 'buy' });
    const two = parseTrades([{ d: '2', t: 2, p: '1', q: '1', s: 'sell' }, { d: '1', t: 1, p: '1', q: '1', s: 'buy' }], 'X');
    expect(two.map((t) => t.id)).toEqual(['1', '2']);
  });

  it('§5.5 tickers: fraction change, best bid/ask, spot rows only; a row without a last price is skipped', () => {
    const row = '{"i":"CRO_USDT","h":"0.04792","l":"0.04713","a":"0.04713","v":"1866078","vv":"88765.71","c":"-0.0101","b":"0.04712","k":"0.04713","oi":"0","t":1786916799729}';
    const empty = '{"i":"NEW_USDT","h":null,"l":null,"a":null,"v":"0","c":null,"b":null,"k":null,"t":1}';
    const perp = '{"i":"BTCUSD-PERP","h":"1","l":"1","a":"1","v":"1","c":"0","t":1}';
    const tickers = parseTickers(resultOf(`{"id":-1,"method":"public/get-tickers","code":0,"result":{"data":[${row},${empty},${perp}]}}`), symbolOfNative, 9);
    expect(tickers).toEqual([{ exchange: 'cryptocom-exchange', symbol: 'CROUSDT', last: '0.04713', high: '0.04792', low: '0.04713', changeRatio: -0.0101, volume: '1866078', bid: '0.04712', ask: '0.04713', time: 1786916799729 }]);
  });

  it('names spot instruments only', () => {
    expect([symbolOfNative('BTC_USDT'), symbolOfNative('BTCUSD-PERP'), symbolOfNative('BTCUSD-260925'), symbolOfNative('A_B_C')]).toEqual(['BTCUSDT', undefined, undefined, undefined]);
  });

  it('bounds hostile numbers: an exponent bomb in a level is a WireError for that field', () => {
    expect(() => parseBook({ data: [{ bids: [['1e150000000', '1', '1']], asks: [] }] }, 'X', 0)).toThrow(/result\.data\[0\]\.bids\[0\]\[0\]: .*out of range/);
  });
});
