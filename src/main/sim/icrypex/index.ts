import { MatchingEngine } from '../matching/engine';
import { DEFAULT_PROFILES, type MarketProfile } from '../market/catalog';
import { SyntheticMarket } from '../market/synthetic';
import { systemNow } from '../shared/clock';
import { Faults } from '../shared/faults';
import { Router, startLoopbackServer } from '../shared/http';
import { type RunningSim, type SimStartOptions } from '../types';
import { type Credentials, isBase64Secret } from './auth';
import { type IcrypexContext } from './context';
import { DEFAULT_ICRYPEX_QUIRKS, type IcrypexQuirks } from './quirks';
import { IcrypexRateLimits, type IcrypexRateRule } from './rate-limits';
import { addPublicRoutes } from './rest-public';
import { addSignedRoutes } from './rest-signed';
import { type IcrypexWsOptions, IcrypexWsServer } from './ws-server';

export { DEFAULT_ICRYPEX_QUIRKS, type IcrypexQuirks } from './quirks';
export { icrypexSignature, verifyIcrypexSignature, MAX_NONCE_MS } from './auth';
export { ICRYPEX_RATE_TABLE, type IcrypexRateRule } from './rate-limits';

export interface IcrypexSimOptions extends SimStartOptions<IcrypexQuirks>, IcrypexWsOptions {
  /** Markets to serve (default: BTCUSDT, ETHUSDT, SHIBUSDT). */
  profiles?: readonly MarketProfile[];
  /** Per-rule limits instead of the §5 table (e.g. smaller ones in tests). */
  rateLimits?: Partial<Record<IcrypexRateRule, number>>;
  /** Minutes of 1-minute candle history to invent (default 3 days). */
  historyMinutes?: number;
}

/** A running Icrypex simulator (sim-api.md RunningSim, plus Icrypex extras). */
export interface IcrypexSimulator extends RunningSim<IcrypexQuirks> {
  /** Sends pending `obd` diffs and `orderbook-short` frames now instead of on the 100 ms tick. */
  flushBooks(): void;
  /** Sends `tickers` and `ticker@` frames now. */
  pushTickers(): void;
  /** Open WebSocket connections. */
  readonly connectionCount: number;
  /** WebSocket protocol pings received from clients (§8.5). */
  readonly pingsReceived: number;
  /** Forgets every rate-limit counter and penalty. */
  resetRateLimits(): void;
}

/**
 * Starts the Icrypex simulator on 127.0.0.1: REST (specs/icrypex.md §7) and the WebSocket
 * (§8) on one port. With `synthetic: false` the books are filled once and only move when
 * the test calls `market.step()`.
 */
export async function startIcrypexSimulator(options: IcrypexSimOptions): Promise<IcrypexSimulator> {
  const now = options.now ?? systemNow;
  const seed = options.seed ?? 1;
  const profiles = options.profiles ?? DEFAULT_PROFILES;
  const engine = new MatchingEngine({ seed, markets: profiles.map((p) => p.market), now });
  const credentials = new Map<string, Credentials>();
  for (const account of options.accounts) {
    if (account.exchange !== 'icrypex') continue;
    if (!isBase64Secret(account.apiSecret)) {
      throw new Error(`icrypex account ${account.apiKey.slice(0, 4)}…: the secret must be base64 of at least 16 bytes (specs/icrypex.md §3)`);
    }
    credentials.set(account.apiKey, { apiKey: account.apiKey, apiSecret: account.apiSecret });
    engine.addAccount(account.apiKey, account.balances);
  }
  const quirks: IcrypexQuirks = { ...DEFAULT_ICRYPEX_QUIRKS, ...options.quirks };
  const faults = new Faults();
  const limits = new IcrypexRateLimits(now, options.rateLimits);
  const ctx: IcrypexContext = { engine, quirks, faults, limits, now, profiles, credentials, createdDate: Date.UTC(2023, 4, 1) };

  const market = new SyntheticMarket({ engine, seed, profiles, bookChangesPerSecond: options.bookChangesPerSecond, now });
  market.bootstrap({ historyMinutes: options.historyMinutes });

  const router = new Router();
  addPublicRoutes(router, ctx);
  addSignedRoutes(router, ctx);
  const http = await startLoopbackServer({ router, faults, now, port: options.port });
  const ws = new IcrypexWsServer(ctx, http.server, options);
  if (options.synthetic !== false) market.start();

  let stopped = false;
  return {
    restUrl: http.url,
    wsUrl: `ws://127.0.0.1:${http.port}/`,
    engine,
    market,
    faults,
    quirks,
    flushBooks: () => ws.flushBooks(),
    pushTickers: () => {
      ws.pushTickers();
      ws.pushTicker();
    },
    get connectionCount() {
      return ws.connectionCount;
    },
    get pingsReceived() {
      return ws.pings;
    },
    resetRateLimits: () => limits.reset(),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      market.stop();
      faults.reset();
      await ws.close();
      await http.close();
    },
  };
}
