import Big from 'big.js';

import { mergeBook, wireLevels } from './depth';
import { decimal, type DecimalStyle } from './json';
import { type CdcMarket, type MarketView, type Stats24h } from './market-view';
import { type CryptocomQuirks } from './quirks';

/** Public V1 payloads (specs/cryptocom-v1.md §5.1-§5.6) and the account payload (§5.7). */

/** §5.1 symbol row: lowercase `symbol`, coin case per quirk (uppercase in the 2020 sample). */
export function symbolRow(m: CdcMarket, q: CryptocomQuirks): Record<string, unknown> {
  const coin = (c: string) => (q.symbolCoinCase === 'upper' ? c.toUpperCase() : c.toLowerCase());
  return { symbol: m.symbol, count_coin: coin(m.quote), amount_precision: m.amountPrecision, base_coin: coin(m.base), price_precision: m.pricePrecision };
}

/** Ticker strings carry 16 places and `rose` 10, as in the 2020 sample (`"0.0000069000000000"`). */
function tickerValue(v: string, style: DecimalStyle, scale: number) {
  return decimal(v, style, style === 'string' ? scale : undefined);
}

/** §5.2 one row of the all-markets ticker: symbol, high, vol, last, low, buy, sell, change, rose. */
export function tickerRow(symbol: string, s: Stats24h, top: { bid: string; ask: string }, q: CryptocomQuirks): Record<string, unknown> {
  const d = (v: string) => tickerValue(v, q.tickerDecimals, 16);
  const rose = tickerValue(s.rose, q.tickerDecimals, 10);
  // §5.2: `change` equalled `rose` in the sample.
  return { symbol, high: d(s.high), vol: d(s.vol), last: d(s.close), low: d(s.low), buy: d(top.bid), sell: d(top.ask), change: rose, rose };
}

/** §5.2 with `symbol`: no `symbol`, no `change`, plus `time` (ms). */
export function tickerOne(s: Stats24h, top: { bid: string; ask: string }, now: number, q: CryptocomQuirks): Record<string, unknown> {
  const d = (v: string) => tickerValue(v, q.tickerDecimals, 16);
  return { high: d(s.high), vol: d(s.vol), last: d(s.close), low: d(s.low), buy: d(top.bid), sell: d(top.ask), rose: tickerValue(s.rose, q.tickerDecimals, 10), time: now };
}

/** Best bid/ask from a book, '0' for an empty side. */
export function topOf(view: MarketView, symbol: string): { bid: string; ask: string } {
  const b = view.book(symbol, 1);
  return { bid: b.bids[0]?.[0] ?? '0', ask: b.asks[0]?.[0] ?? '0' };
}

/** §5.3 klines: `[[seconds, open, high, low, close, volume], …]`, the last `klineCount` buckets. */
export function klineRows(view: MarketView, symbol: string, minutes: number, now: number, q: CryptocomQuirks): unknown[] {
  const seconds = minutes * 60;
  const lastBucket = Math.floor(now / 1000 / seconds) * seconds;
  const from = (lastBucket - (q.klineCount - 1) * seconds) * 1000;
  const rows = view.candles(symbol, seconds, from, now).slice(-q.klineCount).map((c) => {
    const d = (v: string) => decimal(v, q.klineDecimals);
    return [c.start, d(c.open), d(c.high), d(c.low), d(c.close), d(c.vol)];
  });
  return q.klineOrder === 'asc' ? rows : rows.reverse();
}

/** §5.4 the last 200 trades, newest first, keys exactly amount, price, ctime, id, type. */
export function tradeRows(view: MarketView, symbol: string, q: CryptocomQuirks): unknown[] {
  return view.trades(symbol, 200).map((t) => ({
    amount: decimal(t.qty, q.tradeDecimals),
    price: decimal(t.price, q.tradeDecimals),
    ctime: t.time,
    id: t.id,
    type: t.side,
  }));
}

/** §5.5 `{symbol: last price}` for every market. */
export function tickerPrices(view: MarketView, q: CryptocomQuirks): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of view.markets()) out[m.symbol] = decimal(view.stats(m.symbol).close, q.tickerPriceDecimals);
  return out;
}

/** §5.6 `{"tick":{"asks","bids","time"}}`: REST says `bids` (WS says `buys`). */
export function depthData(view: MarketView, m: CdcMarket, step: 0 | 1 | 2, now: number, q: CryptocomQuirks): Record<string, unknown> {
  const book = mergeBook(view.book(m.symbol, q.depthLevels * 4), step, m.pricePrecision);
  return {
    tick: {
      asks: wireLevels(book.asks, q.depthDecimals, q.depthLevels),
      bids: wireLevels(book.bids, q.depthDecimals, q.depthLevels),
      time: q.depthTime === 'null' ? null : now,
    },
  };
}

/** One asset's free and locked amounts. */
export interface BalanceLine {
  asset: string;
  free: string;
  locked: string;
}

/**
 * §5.7 `{"total_asset","coin_list":[{coin,normal,locked,btcValuatin}]}`: values in BTC from
 * last prices (direct `xxxbtc` market, else through USDT), `btcValuatin` spelled per quirk.
 */
export function accountData(view: MarketView, balances: readonly BalanceLine[], q: CryptocomQuirks): Record<string, unknown> {
  let total = new Big(0);
  const coins = balances.map((b) => {
    const value = new Big(b.free).plus(b.locked).times(btcRate(view, b.asset));
    total = total.plus(value);
    const d = (v: string) => decimal(v, q.accountDecimals, 8);
    return {
      coin: q.accountCoinCase === 'lower' ? b.asset.toLowerCase() : b.asset.toUpperCase(),
      normal: d(b.free),
      locked: d(b.locked),
      [q.btcValuationKey]: d(value.toFixed(8, Big.roundDown)),
    };
  });
  return { total_asset: decimal(total.toFixed(8, Big.roundDown), q.accountDecimals, 8), coin_list: coins };
}

/** BTC per unit of `asset` from last prices (best bid before the first trade); 0 when no route exists. */
export function btcRate(view: MarketView, asset: string): Big {
  const a = asset.toLowerCase();
  if (a === 'btc') return new Big(1);
  const last = (sym: string) => {
    if (!view.market(sym)) return undefined;
    const close = new Big(view.stats(sym).close);
    return close.gt(0) ? close : new Big(topOf(view, sym).bid);
  };
  const direct = last(`${a}btc`);
  if (direct && direct.gt(0)) return direct;
  const inverse = last(`btc${a}`);
  if (inverse && inverse.gt(0)) return new Big(1).div(inverse);
  const btcusdt = last('btcusdt');
  if (!btcusdt || btcusdt.eq(0)) return new Big(0);
  const viaUsdt = last(`${a}usdt`);
  return viaUsdt ? viaUsdt.div(btcusdt) : new Big(0);
}
