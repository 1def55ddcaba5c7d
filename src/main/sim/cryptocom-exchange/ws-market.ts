import { type WebSocket } from 'ws';
import { type MatchingEngine, type SimTrade } from '../matching';
import { type Now } from '../shared/clock';
import { RawNumber, type RawValue } from '../shared/raw-json';
import { BookFeed, type BookFrameData, type InstrumentClock } from './book-feed';
import { CdcxError, CODES } from './codes';
import { type ErrorLog } from './envelope';
import { publicTrade, tickerRow } from './format';
import { type CdcxQuirks } from './quirks';
import { type CdcxRequest } from './request';
import { candleRows, timeframeSeconds } from './rest-public';
import { CdcxSession, type SessionFaults } from './ws-session';

/** What market sessions share: the engine, per-instrument clocks, the book faults. */
export interface MarketContext {
  readonly engine: MatchingEngine;
  readonly clocks: Map<string, InstrumentClock>;
  /** Consumes a pending book-update fault of an instrument (shared Faults). */
  takeBookUpdateFault(symbol: string): 'drop' | 'hold' | undefined;
}

type Sub =
  | { kind: 'book'; feed: BookFeed; due: number }
  | { kind: 'ticker'; instrument: string; lastSent: string; checkedAt: number }
  | { kind: 'trade'; instrument: string }
  | { kind: 'candlestick'; instrument: string; interval: string; seconds: number; lastSent: string; checkedAt: number };

/** Tickers and open candles are looked at this often (they are pushed on change, §7.5). */
const CHANGE_CHECK_MS = 100;

class SubscribeError extends CdcxError {
  constructor(
    readonly channel: string,
    message: string,
  ) {
    super(CODES.INVALID_REQUEST, message);
  }
}

/** The market socket `/exchange/v1/market` (§7.3, §7.5, §9 items 13–15). */
export class MarketSession extends CdcxSession {
  readonly subs = new Map<string, Sub>();

  constructor(socket: WebSocket, quirks: CdcxQuirks, now: Now, faults: SessionFaults, errors: ErrorLog, private readonly ctx: MarketContext) {
    super(socket, quirks, now, faults, errors, 100);
  }

  protected handle(request: CdcxRequest, id: RawNumber | number): void {
    const channels = request.params.channels;
    if (request.method === 'unsubscribe') {
      if (Array.isArray(channels)) for (const c of channels) if (typeof c === 'string') this.subs.delete(c);
      this.send({ id, method: 'unsubscribe', code: this.code(0) });
      return;
    }
    if (request.method !== 'subscribe') throw new CdcxError(CODES.INVALID_REQUEST, 'No such method');
    if (!Array.isArray(channels) || channels.length === 0) throw new CdcxError(CODES.INVALID_REQUEST, 'channels must be a non-empty array');
    for (const channel of channels) {
      try {
        if (typeof channel !== 'string') throw new SubscribeError(String(channel), 'Unrecognized channel');
        this.subscribe(channel, request.params, id);
      } catch (error) {
        if (!(error instanceof CdcxError)) throw error;
        this.replyError(request.raw, id, 'subscribe', error, error instanceof SubscribeError ? { channel: error.channel } : {});
      }
    }
  }

  private instrument(channel: string, name: string | undefined): string {
    const market = name ? this.ctx.engine.market(name) : undefined;
    if (!market || market.symbol !== name) throw new SubscribeError(channel, 'Unknown symbol');
    return name;
  }

  private subscribe(channel: string, params: { [key: string]: RawValue }, id: RawNumber | number): void {
    const parts = channel.split('.');
    const existing = this.subs.get(channel);
    if (!existing && this.subs.size >= this.quirks.maxChannelsPerSocket) {
      throw new CdcxError(CODES.EXCEED_MAX_SUBSCRIPTIONS, 'Maximum subscriptions exceeded');
    }
    const now = this.now();
    if (parts[0] === 'book' && parts.length === 3) {
      const instrument = this.instrument(channel, parts[1]);
      const depth = Number(parts[2]);
      if (![10, 50, 150].includes(depth) || !/^\d+$/.test(parts[2]!)) throw new SubscribeError(channel, 'Invalid depth');
      const type = params.book_subscription_type ?? 'SNAPSHOT';
      if (type !== 'SNAPSHOT' && type !== 'SNAPSHOT_AND_UPDATE') throw new SubscribeError(channel, 'Invalid book_subscription_type');
      const deltas = type === 'SNAPSHOT_AND_UPDATE';
      const freqToken = params.book_update_frequency;
      const freq = freqToken instanceof RawNumber || typeof freqToken === 'string' ? Number(String(freqToken)) : undefined;
      // §7.5: deltas at 10 or 100 ms, never at depth 150; snapshots at 500 ms (100 is served as 500).
      if (deltas && (depth === 150 || (freq !== undefined && freq !== 10 && freq !== 100))) throw new SubscribeError(channel, 'Unsupported depth/interval combination');
      if (!deltas && freq !== undefined && freq !== 100 && freq !== 500) throw new SubscribeError(channel, 'Unsupported depth/interval combination');
      // §8.19: one bare ack per book channel, also for a repeated subscribe (no second stream).
      this.send({ id, method: 'subscribe', code: this.code(0), channel });
      if (existing) return;
      const feed = new BookFeed(instrument, depth, deltas, deltas ? (freq ?? this.quirks.defaultDeltaFrequencyMs) : this.quirks.snapshotIntervalMs);
      this.subs.set(channel, { kind: 'book', feed, due: now + this.quirks.firstSnapshotDelayMs });
      return;
    }
    let sub: Sub;
    let first: unknown[];
    let extra: Record<string, unknown> = {};
    if (parts[0] === 'ticker' && parts.length === 2) {
      const instrument = this.instrument(channel, parts[1]);
      const row = tickerRow(this.ctx.engine, instrument, now, true);
      sub = { kind: 'ticker', instrument, lastSent: tickerKey(row), checkedAt: now };
      first = [row];
    } else if (parts[0] === 'trade' && parts.length === 2) {
      const instrument = this.instrument(channel, parts[1]);
      sub = { kind: 'trade', instrument };
      first = this.ctx.engine.recentTrades(instrument, 50).map((t) => publicTrade(t, true));
    } else if (parts[0] === 'candlestick' && parts.length === 3) {
      const seconds = timeframeSeconds(parts[1]!);
      if (seconds === undefined) throw new SubscribeError(channel, 'Unsupported depth/interval combination');
      const instrument = this.instrument(channel, parts[2]);
      const rows = candleRows(this.ctx.engine, instrument, seconds, 300, now).map((r) => ({ ...r, ut: now }));
      sub = { kind: 'candlestick', instrument, interval: parts[1]!, seconds, lastSent: JSON.stringify(rows[rows.length - 1] ?? null), checkedAt: now };
      first = rows;
      extra = { interval: parts[1] };
    } else throw new SubscribeError(channel, 'Unrecognized channel');
    if (this.quirks.bareAckForAllChannels) this.send({ id, method: 'subscribe', code: this.code(0), channel });
    if (!existing) this.subs.set(channel, sub);
    // §7.3: the first data frame carries the request id.
    this.push(id, sub, channel, first, extra);
  }

  private push(id: RawNumber | number, sub: Sub, channel: string, data: unknown[], extra: Record<string, unknown> = {}): void {
    const instrument = sub.kind === 'book' ? sub.feed.instrument : sub.instrument;
    this.send({ id, method: 'subscribe', code: this.code(0), result: { instrument_name: instrument, subscription: channel, channel: sub.kind, ...extra, data } });
  }

  private pushBook(channel: string, feed: BookFeed, frame: BookFrameData): void {
    this.send({ id: -1, method: 'subscribe', code: this.code(0), result: { instrument_name: feed.instrument, subscription: channel, channel: frame.channel, depth: feed.depth, data: [frame.data] } });
  }

  /** Runs every 10 ms: due book frames, changed tickers and open candles. */
  tick(): void {
    const now = this.now();
    for (const [channel, sub] of this.subs) {
      if (sub.kind === 'book') {
        if (now < sub.due) continue;
        const feed = sub.feed;
        sub.due = now + feed.frequencyMs;
        const clock = this.ctx.clocks.get(feed.instrument)!;
        if (!feed.started || !feed.deltas) {
          this.pushBook(channel, feed, feed.snapshot(this.ctx.engine, clock, now));
          continue;
        }
        const frame = feed.delta(this.ctx.engine, clock, now, this.quirks.quietDeltaMs);
        if (!frame) continue;
        // §9 item 14: the gap switch skips one delta; a reorder holds it until after the next.
        const fault = frame.data.u !== frame.data.pu ? this.ctx.takeBookUpdateFault(feed.instrument) : undefined;
        if (fault === 'drop') continue;
        if (fault === 'hold') {
          feed.held = frame;
          continue;
        }
        this.pushBook(channel, feed, frame);
        if (feed.held) {
          this.pushBook(channel, feed, feed.held);
          feed.held = undefined;
        }
      } else if (sub.kind === 'trade' || now - sub.checkedAt < CHANGE_CHECK_MS) {
        continue;
      } else if (sub.kind === 'ticker') {
        sub.checkedAt = now;
        const row = tickerRow(this.ctx.engine, sub.instrument, now, true);
        const key = tickerKey(row);
        if (key !== sub.lastSent) {
          sub.lastSent = key;
          this.push(-1, sub, channel, [row]);
        }
      } else {
        sub.checkedAt = now;
        const rows = candleRows(this.ctx.engine, sub.instrument, sub.seconds, 1, now);
        const key = JSON.stringify(rows[0] ?? null);
        if (rows[0] && key !== sub.lastSent) {
          sub.lastSent = key;
          this.push(-1, sub, channel, [{ ...rows[0], ut: now }], { interval: sub.interval });
        }
      }
    }
  }

  /** A public trade: pushed at once on `trade.{instrument}`. */
  onTrade(trade: SimTrade): void {
    for (const [channel, sub] of this.subs) {
      if (sub.kind === 'trade' && sub.instrument === trade.symbol) this.push(-1, sub, channel, [publicTrade(trade, true)]);
    }
  }
}

function tickerKey(row: Record<string, unknown>): string {
  const { t: _t, ...rest } = row;
  return JSON.stringify(rest);
}
