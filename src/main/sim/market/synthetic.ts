import { type Now, systemNow } from '../shared/clock';
import { D, type Decimal } from '../shared/decimal';
import { createRng, type Rng } from '../shared/rng';
import { type MatchingEngine } from '../matching/engine';
import { type SimMarket } from '../matching/types';
import { DEFAULT_PROFILES, type MarketProfile } from './catalog';
import { SyntheticHistory } from './history';

/** Default history depth: 420 months of 30 days (more than 400 candles at every period up to 1 month). */
export const DEFAULT_HISTORY_MINUTES = 420 * 30 * 24 * 60;

/** The synthetic traders' accounts (they keep no order history). */
export const MAKER_ACCOUNT = '__maker__';
export const TAKER_ACCOUNT = '__taker__';

export interface SyntheticMarketOptions {
  engine: MatchingEngine;
  /** Same seed, same sequence of actions. */
  seed?: number;
  /** Profiles of the markets to animate (default: those of DEFAULT_PROFILES the engine has). */
  profiles?: readonly MarketProfile[];
  /** Target book changes per second over all markets when started (default 30). */
  bookChangesPerSecond?: number;
  /** Target price levels per side (default 80: more than the 50 of Icrypex's window). */
  levelsPerSide?: number;
  now?: Now;
}

interface Resting {
  id: number;
  price: number;
}

interface MarketRun {
  profile: MarketProfile;
  market: SimMarket;
  tick: Decimal;
  tickNum: number;
  stepNum: number;
  reference: number;
  /** log of the fair price. */
  logFair: number;
  bids: Resting[];
  asks: Resting[];
}

/**
 * Synthetic makers and takers that keep books, tapes and candles moving: a maker keeps a
 * ladder of levels around a fair price that follows a mean-reverting random walk, cancels and
 * requotes; a taker sends small market orders, leaning towards the fair price. `step()` drives
 * it by hand (tests); `start()` runs it on a timer at `bookChangesPerSecond`.
 */
export class SyntheticMarket {
  private readonly engine: MatchingEngine;
  private readonly rng: Rng;
  private readonly seed: number;
  private readonly runs: MarketRun[] = [];
  /** Round-robin position across calls, so every market moves even when each tick is small. */
  private cursor = 0;
  private readonly levelsPerSide: number;
  private readonly now: Now;
  private rate: number;
  private timer: ReturnType<typeof setInterval> | undefined;
  private changes = 0;
  private tickStart = 0;
  private changesAtTickStart = 0;
  private bootstrapped = false;
  private forgiven = 0;

  constructor(options: SyntheticMarketOptions) {
    this.engine = options.engine;
    this.seed = options.seed ?? 1;
    this.rng = createRng(this.seed).fork('synthetic-market');
    this.rate = options.bookChangesPerSecond ?? 30;
    this.levelsPerSide = options.levelsPerSide ?? 80;
    this.now = options.now ?? systemNow;
    const profiles = options.profiles ?? DEFAULT_PROFILES.filter((profile) => this.engine.market(profile.market.symbol));
    for (const profile of profiles) {
      const market = this.engine.market(profile.market.symbol);
      if (!market) throw new RangeError(`the engine has no market ${profile.market.symbol}`);
      const reference = Number(profile.referencePrice);
      this.runs.push({ profile, market, tick: D(market.tickSize), tickNum: Number(market.tickSize), stepNum: Number(market.stepSize), reference, logFair: Math.log(reference), bids: [], asks: [] });
    }
    this.engine.on('level', () => {
      this.changes++;
    });
  }

  /** Total book level changes the engine has emitted since this market was created. */
  get bookChanges(): number {
    return this.changes;
  }

  /** Book changes the timer skipped because it fell more than a second behind (overload). */
  get forgivenChanges(): number {
    return this.forgiven;
  }

  /** The target rate of book changes per second. */
  get bookChangesPerSecond(): number {
    return this.rate;
  }

  /** Changes the target rate (takes effect on the next timer tick). */
  setRate(bookChangesPerSecond: number): void {
    this.rate = Math.max(0, bookChangesPerSecond);
    this.tickStart = performance.now();
    this.changesAtTickStart = this.changes;
  }

  /**
   * Creates the traders' accounts, gives every market `historyMinutes` of invented candle
   * history ending now at the reference price (default: 420 months of 30 days, so every period
   * up to a month has more than 400 candles; generated on demand, see history.ts), and fills the books.
   */
  bootstrap(options: { historyMinutes?: number } = {}): void {
    if (this.bootstrapped) return;
    this.bootstrapped = true;
    const big: Record<string, string> = {};
    for (const run of this.runs) {
      big[run.market.quote] = '1000000000000';
      big[run.market.base] = D('1000000000000').div(D(run.profile.referencePrice)).round(0).toString();
    }
    this.engine.addAccount(MAKER_ACCOUNT, big, { keepHistory: false });
    this.engine.addAccount(TAKER_ACCOUNT, big, { keepHistory: false });
    for (const run of this.runs) {
      this.engine.setCandleHistory(run.market.symbol, new SyntheticHistory({
        symbol: run.market.symbol,
        seed: this.seed,
        endSec: Math.floor(this.now() / 60_000) * 60,
        minutes: options.historyMinutes ?? DEFAULT_HISTORY_MINUTES,
        referencePrice: run.profile.referencePrice,
        volatility: run.profile.volatility,
        orderValue: run.profile.orderValue,
        pricePrecision: run.market.pricePrecision,
        quantityPrecision: run.market.quantityPrecision,
      }));
      for (let i = 0; i < this.levelsPerSide; i++) {
        this.quote(run, 'buy', this.ladderOffset(run, i));
        this.quote(run, 'sell', this.ladderOffset(run, i));
      }
    }
  }

  /** Performs `actions` trader actions (round robin over markets); returns the book changes made. */
  step(actions = 1): number {
    if (!this.bootstrapped) this.bootstrap();
    const before = this.changes;
    for (let i = 0; i < actions; i++) this.act(this.runs[i % this.runs.length]!);
    return this.changes - before;
  }

  /** Acts until at least `changes` more book changes happened; returns how many did. */
  stepChanges(changes: number): number {
    if (!this.bootstrapped) this.bootstrap();
    const before = this.changes;
    while (this.changes - before < changes) this.act(this.runs[this.cursor++ % this.runs.length]!);
    return this.changes - before;
  }

  /** Starts acting on a timer at the target rate (no-op when running). */
  start(intervalMs = 10): void {
    if (this.timer) return;
    if (!this.bootstrapped) this.bootstrap();
    this.tickStart = performance.now();
    this.changesAtTickStart = this.changes;
    this.timer = setInterval(() => {
      if (this.rate <= 0) return;
      const elapsed = (performance.now() - this.tickStart) / 1000;
      const backlog = this.rate * elapsed - (this.changes - this.changesAtTickStart);
      if (backlog > this.rate) {
        // More than a second behind: overloaded. Forgive the backlog instead of bursting.
        this.forgiven += Math.floor(backlog);
        this.tickStart = performance.now();
        this.changesAtTickStart = this.changes;
        return;
      }
      // Catch up at most 50 ms worth per tick, so a backlog never blocks the loop for long.
      const due = Math.min(backlog, this.rate * 0.05);
      if (due >= 1) this.stepChanges(Math.floor(due));
    }, intervalMs);
    this.timer.unref?.();
  }

  /** Stops the timer. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The current fair price of a market (what the book gravitates to). */
  fairPrice(symbol: string): number | undefined {
    const run = this.runs.find((r) => r.market.symbol === symbol.toUpperCase());
    return run ? Math.exp(run.logFair) : undefined;
  }

  // ---- one action ------------------------------------------------------------------------

  private act(run: MarketRun): void {
    this.walk(run);
    const depth = this.engine.depth(run.market.symbol);
    const roll = this.rng.next();
    if (depth.bids < this.levelsPerSide * 0.75) this.quote(run, 'buy', this.ladderOffset(run, this.rng.int(0, this.levelsPerSide)));
    else if (depth.asks < this.levelsPerSide * 0.75) this.quote(run, 'sell', this.ladderOffset(run, this.rng.int(0, this.levelsPerSide)));
    else if (depth.bids > this.levelsPerSide * 1.25) this.cancelFarthest(run, 'buy');
    else if (depth.asks > this.levelsPerSide * 1.25) this.cancelFarthest(run, 'sell');
    else if (roll < 0.1) this.take(run);
    else if (roll < 0.55) this.quote(run, this.rng.chance(0.5) ? 'buy' : 'sell', this.ladderOffset(run, this.nearLevel()));
    else this.cancelRandom(run, this.rng.chance(0.5) ? 'buy' : 'sell');
  }

  /** Mean-reverting random walk of log(fair); one step per action. */
  private walk(run: MarketRun): void {
    const perSecond = Math.max(1, this.rate / Math.max(1, this.runs.length));
    const sigma = run.profile.volatility / Math.sqrt(perSecond);
    const pull = 0.0005 * (Math.log(run.reference) - run.logFair);
    run.logFair += pull + sigma * this.rng.normal();
  }

  /** Level index biased to the top of the book (most activity is near the spread). */
  private nearLevel(): number {
    return Math.min(this.levelsPerSide - 1, Math.floor(-Math.log(1 - this.rng.next()) * 6));
  }

  /** Relative distance from the fair price for ladder level i. */
  private ladderOffset(run: MarketRun, level: number): number {
    return run.profile.levelSpacing * (level + 0.5 + this.rng.next() * 0.5);
  }

  /** A lognormal order size in whole steps (float maths is fine here: it only picks a size). */
  private size(run: MarketRun, price: number): Decimal | undefined {
    const value = Math.max(run.profile.orderValue * Math.exp(this.rng.normal() * 0.8), Number(run.market.minNotional) * 1.05);
    const steps = Math.ceil(value / price / run.stepNum);
    return steps > 0 ? D((steps * run.stepNum).toFixed(run.market.quantityPrecision)) : undefined;
  }

  private quote(run: MarketRun, side: 'buy' | 'sell', offset: number): void {
    const fair = Math.exp(run.logFair);
    const raw = side === 'buy' ? fair * (1 - offset) : fair * (1 + offset);
    const ticks = side === 'buy' ? Math.floor(raw / run.tickNum + 1e-9) : Math.ceil(raw / run.tickNum - 1e-9);
    let price = D((ticks * run.tickNum).toFixed(run.market.pricePrecision));
    // Makers never cross the spread: that is the taker's job.
    const top = this.engine.top(run.market.symbol);
    if (side === 'buy' && top.ask && price.gte(top.ask)) price = D(top.ask).minus(run.tick);
    if (side === 'sell' && top.bid && price.lte(top.bid)) price = D(top.bid).plus(run.tick);
    if (price.lte(0)) return;
    const quantity = this.size(run, Number(price));
    if (!quantity) return;
    const result = this.engine.place({ accountId: MAKER_ACCOUNT, symbol: run.market.symbol, side, type: 'limit', price: price.toString(), quantity: quantity.toString() });
    if (result.ok && (result.order.status === 'new' || result.order.status === 'partial')) {
      (side === 'buy' ? run.bids : run.asks).push({ id: result.order.id, price: Number(price) });
    }
  }

  private take(run: MarketRun): void {
    const fair = Math.exp(run.logFair);
    const top = this.engine.top(run.market.symbol);
    let side: 'buy' | 'sell' = this.rng.chance(0.5) ? 'buy' : 'sell';
    if (top.ask && fair > Number(top.ask)) side = 'buy';
    else if (top.bid && fair < Number(top.bid)) side = 'sell';
    const reference = Number((side === 'buy' ? top.ask : top.bid) ?? fair);
    const quantity = this.size(run, reference);
    if (!quantity) return;
    const request = side === 'buy'
      ? { quoteAmount: quantity.times(D(reference.toFixed(run.market.pricePrecision))).round(2, D.roundUp).toString() }
      : { quantity: quantity.toString() };
    this.engine.place({ accountId: TAKER_ACCOUNT, symbol: run.market.symbol, side, type: 'market', ...request });
  }

  private cancelRandom(run: MarketRun, side: 'buy' | 'sell'): void {
    const list = side === 'buy' ? run.bids : run.asks;
    while (list.length > 0) {
      const index = this.rng.int(0, list.length - 1);
      const [entry] = list.splice(index, 1);
      if (this.engine.cancel(MAKER_ACCOUNT, entry!.id).ok) return;
      // Already filled by a taker: drop it and try another.
    }
  }

  private cancelFarthest(run: MarketRun, side: 'buy' | 'sell'): void {
    const list = side === 'buy' ? run.bids : run.asks;
    while (list.length > 0) {
      let far = 0;
      for (let i = 1; i < list.length; i++) {
        if (side === 'buy' ? list[i]!.price < list[far]!.price : list[i]!.price > list[far]!.price) far = i;
      }
      const [entry] = list.splice(far, 1);
      if (this.engine.cancel(MAKER_ACCOUNT, entry!.id).ok) return;
    }
  }
}
