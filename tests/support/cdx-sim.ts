import type { MatchingEngine } from '../../src/main/sim/matching/engine';

/**
 * A maker's BTC_USDT ladder on a Crypto.com Exchange simulator's engine: `levels` bids and asks
 * 10 apart around 50 000, then two crossing orders at 50 000 so the last price, the tape, the
 * ticker and the candles have something. Throws when the engine refuses a seed order.
 */
export function seedCdxBook(engine: MatchingEngine, levels: number): void {
  engine.addAccount('maker', { USDT: '100000000', BTC: '10000' });
  const place = (side: 'buy' | 'sell', price: number, quantity: string) => {
    const r = engine.place({ accountId: 'maker', symbol: 'BTC_USDT', side, type: 'limit', price: String(price), quantity });
    if (!r.ok) throw new Error(`seed order ${side} ${quantity} @ ${price} refused: ${JSON.stringify(r)}`);
  };
  for (let i = 1; i <= levels; i++) {
    place('buy', 50000 - i * 10, '0.5');
    place('sell', 50000 + i * 10, '0.5');
  }
  place('sell', 50000, '0.01');
  place('buy', 50000, '0.01');
}
