import { describe, expect, it } from 'vitest';
import { ok, type Candle } from '../../../../shared';
import { ChartHistory, PAGE_CANDLES, type HistoryChange } from './chart-history';

const c = (time: number, close: number): Candle => ({ time, open: close, high: close, low: close, close, volume: 1 });

/** An exchange with one candle a minute from 0 to `now`, read through a REST-like cut. */
function rig(exchange: (from: number, to: number) => Candle[]) {
  let now = 600;
  const reads: Array<[number, number]> = [];
  const changes: HistoryChange[] = [];
  const history = new ChartHistory({
    step: 60,
    now: () => now,
    read: async (from, to) => {
      reads.push([from, to]);
      return ok(exchange(from, to));
    },
    onChange: (change) => changes.push(change),
    onProblem: () => {},
  });
  return { history, reads, changes, setNow: (t: number) => (now = t) };
}

const minutes = (upTo: number) => (from: number, to: number) => {
  const out: Candle[] = [];
  for (let t = 0; t <= upTo; t += 60) if (t >= from && t <= to) out.push(c(t, t / 60));
  return out;
};

describe('ChartHistory', () => {
  it('a live candle after a drop longer than a candle fills the missed buckets from REST', async () => {
    let upTo = 600;
    const { history, changes, setNow } = rig((from, to) => minutes(upTo)(from, to));
    await history.start();
    expect(history.candles.at(-1)!.time).toBe(600);
    // The socket was down from 600 to 900: the next push is the 900 bucket.
    upTo = 900;
    setNow(900);
    history.live(c(900, 15.5));
    await history.idle();
    expect(changes.some((x) => x.kind === 'fill')).toBe(true);
    const times = history.candles.map((x) => x.time);
    expect(times.slice(-6)).toEqual([600, 660, 720, 780, 840, 900]);
    // The live candle keeps its pushed state.
    expect(history.candles.at(-1)!.close).toBe(15.5);
  });

  it('a reconnect re-reads from the last candle shown', async () => {
    const { history, reads } = rig(minutes(600));
    await history.start();
    history.reconnected();
    await history.idle();
    expect(reads).toHaveLength(2);
    expect(reads[1]![0]).toBe(600);
  });

  it('scrolling back loads the page before the first candle, then stops when the exchange has nothing older', async () => {
    const { history, reads, setNow } = rig(minutes(PAGE_CANDLES * 60 + 600));
    setNow(PAGE_CANDLES * 60 + 600);
    await history.start();
    expect(history.candles[0]!.time).toBe(600);
    await history.older();
    expect(history.candles[0]!.time).toBe(0);
    expect(history.exhausted).toBe(false);
    await history.older();
    expect(history.exhausted).toBe(true);
    expect(reads).toHaveLength(3);
  });
});
