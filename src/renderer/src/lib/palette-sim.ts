import { EXCHANGES, simulatedExchanges, type ExchangeId, type SimFault } from '../../../shared';

/**
 * The palette's `sim …` commands (issue 18): faults injected into demo mode's simulated
 * exchanges, to see how the terminal behaves when an exchange misbehaves. Demo mode only: the
 * palette neither suggests nor runs them while any live account exists (the engine refuses too).
 *
 *   sim drop sockets                 sim delay orders 5s | 500ms | off
 *   sim 500 next order               sim 503 next 3 orders
 *   sim gap book [symbol]            sim bad frame
 *   sim stop heartbeats              sim resume heartbeats
 *   sim reject signature             sim reset
 *   … [on icrypex | on cryptocom | on cryptocom-exchange]    (default: every simulator)
 *   (an exchange also answers to its name, `crypto.com exchange`, and its tag, `cdx`)
 */
export type SimCommand = { kind: 'sim'; fault: SimFault; exchange?: ExchangeId };

/** What the palette suggests in demo mode. */
export const SIM_EXAMPLES = ['sim drop sockets', 'sim delay orders 5s', 'sim 500 next order', 'sim gap book', 'sim reset'] as const;

const USAGE = 'sim what? drop sockets, delay orders 5s, 500 next order, gap book, bad frame, stop heartbeats, reject signature or reset';

type Parsed = { ok: true; command: SimCommand } | { ok: false; message: string };

function duration(token: string | undefined): number | string {
  if (token === undefined) return 'how long? e.g. sim delay orders 5s (or off)';
  if (token === 'off' || token === '0') return 0;
  const m = /^(\d{1,6})(ms|s|m)?$/.exec(token);
  if (!m) return `"${token}" is not a duration such as 5s, 500ms or 2m`;
  const ms = Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 'm' ? 60_000 : 1000);
  return ms > 600_000 ? 'at most 10 minutes' : ms;
}

function faultOf(words: string[]): SimFault | string {
  const [a, b, c, d] = words;
  const two = `${a ?? ''} ${b ?? ''}`;
  if (a === 'reset' || a === 'clear') return words.length === 1 ? { kind: 'reset' } : USAGE;
  if (a === 'drop' && (b === undefined || b === 'sockets' || b === 'socket' || b === 'connections')) return { kind: 'drop-sockets' };
  if (a === 'delay' && (b === 'orders' || b === 'order')) {
    const ms = duration(c);
    return typeof ms === 'string' ? ms : { kind: 'delay-orders', ms };
  }
  if (a === 'gap' && b === 'book') return c === undefined ? { kind: 'gap-book' } : /^[a-z0-9]{2,20}$/.test(c) ? { kind: 'gap-book', symbol: c.toUpperCase() } : `"${c}" is not a market such as btcusdt`;
  if (two === 'bad frame' || two === 'malformed frame' || two === 'garbage frame') return { kind: 'malformed-frame' };
  if (two === 'stop heartbeats' || two === 'stop pings') return { kind: 'stop-heartbeats' };
  if (two === 'resume heartbeats' || two === 'resume pings') return { kind: 'resume-heartbeats' };
  if (two === 'reject signature' || two === 'bad signature') return { kind: 'reject-signature' };
  // `sim 500 next order`, `sim 503 next 3 orders`, `sim fail next order`
  const status = a === 'fail' ? 500 : /^\d{3}$/.test(a ?? '') ? Number(a) : undefined;
  if (status !== undefined && b === 'next') {
    if (status < 400 || status > 599) return `${status} is not an HTTP error: use 400 to 599, e.g. sim 503 next order`;
    const count = c !== undefined && /^\d{1,3}$/.test(c) ? Number(c) : 1;
    const noun = c !== undefined && /^\d{1,3}$/.test(c) ? d : c;
    if (noun !== 'order' && noun !== 'orders') return 'which requests? e.g. sim 500 next order';
    if (count < 1 || count > 100) return 'from 1 to 100 orders';
    return { kind: 'fail-orders', status, count };
  }
  return USAGE;
}

/** What `on …` accepts for an exchange, spaces removed: its id (with and without dashes), its name and its tag. */
function namesOf(entry: (typeof EXCHANGES)[number]): string[] {
  return [entry.id, entry.id.replace(/-/g, ''), entry.name.toLowerCase().replace(/\s+/g, ''), entry.short.toLowerCase()];
}

const ON_WORDS = (() => {
  const ids = simulatedExchanges().map((id) => `on ${id}`);
  return ids.length > 1 ? `${ids.slice(0, -1).join(', ')} or ${ids.at(-1)}` : ids.join('');
})();

/** Parses the words after `sim`. */
export function parseSimCommand(rest: readonly string[]): Parsed {
  let words = [...rest];
  let exchange: ExchangeId | undefined;
  const on = words.indexOf('on');
  if (on >= 0) {
    const where = words.slice(on + 1).join('');
    exchange = EXCHANGES.find((e) => simulatedExchanges().includes(e.id) && namesOf(e).includes(where))?.id;
    if (!exchange) return { ok: false, message: `on which exchange? ${ON_WORDS}` };
    words = words.slice(0, on);
  }
  const fault = faultOf(words);
  if (typeof fault === 'string') return { ok: false, message: fault };
  return { ok: true, command: exchange ? { kind: 'sim', fault, exchange } : { kind: 'sim', fault } };
}

/** Demo mode as the palette sees it: demo accounts only (no account trades real money). */
export function isDemoOnly(accounts: readonly { mode: string }[]): boolean {
  return accounts.length > 0 && accounts.every((a) => a.mode === 'demo');
}
