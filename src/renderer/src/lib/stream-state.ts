import type { Account, StatusSnapshot, StreamState, StreamStatus } from '../../../shared';
import { worseState } from './status';

/** What a market pane's badge says about its own stream. */
export type PaneStreamState = 'error' | 'waiting' | 'stale' | 'silent' | 'live';

export const PANE_STATE_TEXT: Record<PaneStreamState, string> = { error: 'NO STREAM', waiting: 'WAITING', stale: 'STALE', silent: 'SILENT', live: 'LIVE' };

/**
 * The engine's status entries a pane's stream depends on: the account's public socket, and for
 * the book also that symbol's own sync state (Icrypex reports one `…:book:<symbol>` entry per
 * watched book). Other books of the account do not count: a gap on ETHUSDT says nothing about
 * the BTCUSDT tape.
 */
export function ownStreams(status: StatusSnapshot | undefined, account: Account | undefined, stream: 'book' | 'trades' | 'candles', symbol: string): StreamStatus[] {
  if (!status || !account) return [];
  return status.streams.filter((s) => {
    if (s.kind !== 'public' || s.exchange !== account.exchange) return false;
    if (s.accountId !== undefined && s.accountId !== account.id) return false;
    const book = /:book:([^:]+)$/.exec(s.key);
    if (!book) return true;
    return stream === 'book' && book[1] === symbol;
  });
}

/** The worst of the entries' states, or undefined when there are none. */
export function worstOf(streams: readonly StreamStatus[]): StreamState | undefined {
  if (streams.length === 0) return undefined;
  return streams.reduce<StreamState>((worst, s) => worseState(worst, s.state), 'connected');
}

export interface PaneStreamFacts {
  /** The subscribe failed (it retries). */
  failed: boolean;
  /** Data (the book) or the subscription (tape, chart) is there. */
  ready: boolean;
  /** The engine's state of the pane's own stream entries. */
  engine?: StreamState;
  /** The data itself says out of sync (book), or said so less than the hold time ago. */
  outOfSync?: boolean;
  /** No push for longer than the pane expects. */
  silent?: boolean;
}

/** One rule for the book, tape and chart badges. */
export function paneStreamState(f: PaneStreamFacts): PaneStreamState {
  if (f.failed) return 'error';
  if (!f.ready) return 'waiting';
  if (f.outOfSync || f.engine === 'stale' || f.engine === 'reconnecting' || f.engine === 'closed') return 'stale';
  if (f.silent) return 'silent';
  return 'live';
}
