
import { WebSocketServer } from 'ws';

import { SyntheticMarket } from '../market';
import { MatchingEngine } from '../matching';
import { generateAccount } from '../shared/accounts';
import { systemNow } from '../shared/clock';
import { Faults } from '../shared/faults';
import { onUpgrade, Router, type SimHandler, startLoopbackServer } from '../shared/http';
import { EngineMarketView } from './engine-view';
import { failure } from './envelope';
import { CRYPTOCOM_DEMO_BALANCES, type CryptocomMarketSet, cryptocomProfiles } from './markets';
import { type CryptocomQuirks, makeQuirks } from './quirks';
import { CryptocomRateLimiter } from './rate-table';
import { getDepth, getKlines, getSymbols, getTicker, getTickerPrice, getTrades } from './rest-public';
import { type CdcAccount, reply, type RestDeps, springError, tooManyRequests } from './rest-reply';
import { postAccount, postAllOrders, postCancel, postCancelAll, postMyTrades, postOpenOrders, postOrder, postShowOrder } from './rest-trading';
import { CryptocomWsHub } from './ws-hub';
import { type RunningSim, type SimAccountConfig, type SimStartOptions } from '../types';

export { type CryptocomQuirks, DEFAULT_CRYPTOCOM_QUIRKS, makeQuirks } from './quirks';
export { signV1, signingBuffer } from './sign';
export { CRYPTOCOM_COMPACT_SYMBOLS, CRYPTOCOM_DEMO_BALANCES, CRYPTOCOM_MARKETS, CRYPTOCOM_PROFILES, type CryptocomMarketSet, cryptocomProfiles } from './markets';

/** Options of startCryptocomSimulator (sim-api.md); `accounts` may be omitted here. */
export interface CryptocomSimOptions extends Omit<SimStartOptions<CryptocomQuirks>, 'accounts'> {
  /** Accounts; entries of another exchange are ignored. None: one generated account. */
  accounts?: readonly SimAccountConfig[];
  /** Which 2020 markets to serve (default 'full', markets.ts). */
  markets?: CryptocomMarketSet;
}

/** Book changes per second per market when no rate is given (the full set stays as lively as Icrypex's three). */
export const CRYPTOCOM_CHANGES_PER_MARKET = 8;

/**
 * A running Crypto.com V1 simulator (sim-api.md "Starting simulators"). `restUrl` paths start
 * with `/v1/`; `wsUrl` is `ws://127.0.0.1:<port>/kline-api/ws`. REST reads `quirks` per
 * request and the WS hub per frame (ping and refresh timers: call `restartWsTimers`).
 */
export interface CryptocomSimulator extends RunningSim<CryptocomQuirks> {
  /** The Crypto.com accounts this simulator serves. */
  readonly accounts: readonly SimAccountConfig[];
  /** The engine account id of an API key (tests seed orders through the engine with it). */
  accountIdOf(apiKey: string): string | undefined;
  /** Number of open WebSocket sessions. */
  readonly wsConnections: number;
  /** Re-reads `wsPingIntervalMs` and `wsDepthRefreshMs` after they were changed. */
  restartWsTimers(): void;
  /** Forgets every rate-limit counter. */
  resetRateLimits(): void;
}

/** A generated account: random key and secret, generous balances of every 2020 coin. */
export function generateCryptocomAccount(): SimAccountConfig {
  return generateAccount('cryptocom', CRYPTOCOM_DEMO_BALANCES);
}

const PATHS: ReadonlyArray<[method: 'GET' | 'POST', path: string, make: (deps: RestDeps) => SimHandler]> = [
  ['GET', '/v1/symbols', getSymbols],
  ['GET', '/v1/ticker', getTicker],
  ['GET', '/v1/klines', getKlines],
  ['GET', '/v1/trades', getTrades],
  ['GET', '/v1/ticker/price', getTickerPrice],
  ['GET', '/v1/depth', getDepth],
  ['POST', '/v1/account', postAccount],
  ['POST', '/v1/order', postOrder],
  ['POST', '/v1/showOrder', postShowOrder],
  ['POST', '/v1/orders/cancel', postCancel],
  ['POST', '/v1/cancelAllOrders', postCancelAll],
  ['POST', '/v1/openOrders', postOpenOrders],
  ['POST', '/v1/allOrders', postAllOrders],
  ['POST', '/v1/myTrades', postMyTrades],
];

/** Starts the Crypto.com Exchange V1 simulator on 127.0.0.1 (specs/cryptocom-v1.md). */
export async function startCryptocomSimulator(options: CryptocomSimOptions = {}): Promise<CryptocomSimulator> {
  const now = options.now ?? systemNow;
  const quirks = makeQuirks(options.quirks);
  const profiles = cryptocomProfiles(options.markets);
  const engine = new MatchingEngine({ seed: options.seed ?? 1, markets: profiles.map((p) => p.market), now });
  const view = new EngineMarketView(engine);
  const faults = new Faults();
  const limiter = new CryptocomRateLimiter(quirks, now);

  const given = options.accounts?.filter((a) => a.exchange === 'cryptocom') ?? [];
  const configs = given.length > 0 ? given : [generateCryptocomAccount()];
  const byKey = new Map<string, CdcAccount>();
  configs.forEach((a, i) => {
    const accountId = `cdc-${i + 1}`;
    engine.addAccount(accountId, a.balances);
    byKey.set(a.apiKey, { apiKey: a.apiKey, secret: a.apiSecret, accountId, userId: 71_300 + i });
  });

  const settleTimers = new Set<NodeJS.Timeout>();
  const deps: RestDeps = {
    engine,
    view,
    quirks,
    now,
    faults,
    limiter,
    accountByKey: (key) => byKey.get(key),
    settleCancels: (accountId) => {
      // §5.10: status 5 (pending cancel) first, 4 once settled.
      if (quirks.pendingCancelMs <= 0) {
        engine.finalizePendingCancels(accountId);
        return;
      }
      const timer = setTimeout(() => {
        settleTimers.delete(timer);
        engine.finalizePendingCancels(accountId);
      }, quirks.pendingCancelMs);
      settleTimers.add(timer);
    },
  };

  const router = new Router();
  for (const [method, path, make] of PATHS) {
    router.add(method, path, make(deps));
    // S11: a known path with the wrong method answers -100 (HTTP 200).
    router.add(method === 'GET' ? 'POST' : 'GET', path, () => reply(deps, failure('unknownPath'), `${path}: use ${method}`));
  }

  const http = await startLoopbackServer({
    port: options.port ?? 0,
    router,
    faults,
    now,
    notFound: (req) => springError(deps, 404, req.path),
    internalError: () => springError(deps, 500, '/'),
    faultBody: (status) => (status === 429 ? tooManyRequests() : { status, body: '', headers: { 'content-type': 'text/plain' } }),
  });

  const hub = new CryptocomWsHub({ view, quirks, now, faults });
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  onUpgrade(http.server, ['/kline-api/ws'], (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => hub.attach(ws)), () => faults.socketsRefused);
  faults.attach({ dropConnections: () => hub.dropConnections(), sendMalformedFrame: () => hub.sendMalformedFrame(), sendFrame: (text) => hub.sendFrame(text) });

  const offLevel = engine.on('level', (symbol) => hub.onBookChange(symbol.toLowerCase()));
  const offTrade = engine.on('trade', (t) =>
    hub.onTrades(t.symbol.toLowerCase(), [{ id: t.id, price: t.price, qty: t.quantity, side: t.takerSide, time: t.time }]),
  );

  const rate = options.bookChangesPerSecond ?? CRYPTOCOM_CHANGES_PER_MARKET * profiles.length;
  const market = new SyntheticMarket({ engine, seed: options.seed ?? 1, profiles, bookChangesPerSecond: rate, now });
  if (options.synthetic ?? true) {
    market.bootstrap();
    market.start();
  }

  let stopped = false;
  return {
    restUrl: http.url,
    wsUrl: `ws://127.0.0.1:${http.port}/kline-api/ws`,
    engine,
    market,
    faults,
    quirks,
    accounts: configs,
    accountIdOf: (key) => byKey.get(key)?.accountId,
    get wsConnections() {
      return hub.connections;
    },
    restartWsTimers: () => hub.restartTimers(),
    resetRateLimits: () => limiter.reset(),
    async stop() {
      if (stopped) return;
      stopped = true;
      market.stop();
      offLevel();
      offTrade();
      for (const t of settleTimers) clearTimeout(t);
      faults.reset();
      hub.close();
      wss.close();
      await http.close();
    },
  };
}
