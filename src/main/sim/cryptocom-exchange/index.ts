import { randomBytes } from 'node:crypto';
import { WebSocketServer } from 'ws';

import { type SimFault } from '../../../shared/contract/sim';
import { SyntheticMarket } from '../market';
import { MatchingEngine } from '../matching';
import { systemNow } from '../shared/clock';
import { Faults } from '../shared/faults';
import { onUpgrade, startLoopbackServer } from '../shared/http';
import { type InstrumentClock } from './book-feed';
import { type CdcxAccount, OrderDesk } from './desk';
import { ErrorLog, json } from './envelope';
import { applyFaultTo } from '../control/apply';
import { balanceRow } from './format';
import { CDCX_DEMO_BALANCES, CDCX_PROFILES } from './markets';
import { type CdcxQuirks, makeCdcxQuirks } from './quirks';
import { CdcxRestLimiter } from './rate';
import { cdcxRouter, notFound } from './rest';
import { MarketSession } from './ws-market';
import { UserSession } from './ws-user';
import { type RunningSim, type SimStartOptions } from '../types';

export { type CdcxQuirks, DEFAULT_CDCX_QUIRKS, makeCdcxQuirks } from './quirks';
export { CDCX_DEMO_BALANCES, CDCX_PROFILES } from './markets';
export { cdcxSign, paramString, signingPayload } from './request';
export { type CdcxErrorLogEntry } from './envelope';

/** An API key pair with starting balances (startSimulators passes its SimAccountConfigs of this exchange). */
export interface CdcxAccountConfig {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly balances: Readonly<Record<string, string>>;
}

export interface CdcxSimOptions extends Omit<SimStartOptions<CdcxQuirks>, 'accounts'> {
  /** None: one demo account with random credentials and CDCX_DEMO_BALANCES. */
  accounts?: readonly CdcxAccountConfig[];
}

/**
 * A running Crypto.com Exchange (API v1) simulator (specs/cryptocom-exchange.md §9). REST at
 * `restUrl + /exchange/v1/{method}`, sockets at `wsUrl` (market) and `userWsUrl`.
 */
export interface CdcxSimulator extends RunningSim<CdcxQuirks> {
  /** REST root: `http://127.0.0.1:<port>/exchange/v1`. */
  readonly apiRoot: string;
  /** `ws://127.0.0.1:<port>/exchange/v1/market` */
  readonly wsUrl: string;
  /** `ws://127.0.0.1:<port>/exchange/v1/user` */
  readonly userWsUrl: string;
  readonly accounts: readonly CdcxAccountConfig[];
  /** The engine account id of an API key. */
  accountIdOf(apiKey: string): string | undefined;
  /** Every refused request with its raw text (§9 item 17). */
  readonly errors: ErrorLog;
  readonly wsConnections: number;
  /** Re-reads heartbeat and ping intervals on every open socket. */
  restartWsTimers(): void;
  resetRateLimits(): void;
  /** Applies one fault of the shared vocabulary; says what it did. */
  fault(fault: SimFault): string;
}

const alnum = (n: number): string => randomBytes(n).toString('base64').replace(/[^A-Za-z0-9]/g, '').padEnd(n, 'x').slice(0, n);

/** A demo account: random key and secret, generated at start and never stored. */
export function generateCdcxAccount(): CdcxAccountConfig {
  return { apiKey: alnum(22), apiSecret: alnum(22), balances: { ...CDCX_DEMO_BALANCES } };
}

/** Starts the Crypto.com Exchange API v1 simulator on 127.0.0.1. */
export async function startCdcxSimulator(options: CdcxSimOptions = {}): Promise<CdcxSimulator> {
  const now = options.now ?? systemNow;
  const quirks = makeCdcxQuirks(options.quirks);
  const profiles = [...CDCX_PROFILES];
  const engine = new MatchingEngine({ seed: options.seed ?? 1, markets: profiles.map((p) => p.market), now });
  const faults = new Faults();
  const errors = new ErrorLog();
  const desk = new OrderDesk(engine, quirks, now);
  const limiter = new CdcxRestLimiter(quirks, now);

  const configs = options.accounts?.length ? [...options.accounts] : [generateCdcxAccount()];
  const byKey = new Map<string, CdcxAccount>();
  configs.forEach((a, i) => {
    const accountId = `cdcx-${i + 1}`;
    engine.addAccount(accountId, a.balances);
    const account = { apiKey: a.apiKey, secret: a.apiSecret, accountId, uuid: `ce075bef-0000-4000-8000-${String(i + 1).padStart(12, '0')}` };
    byKey.set(a.apiKey, account);
    desk.addAccount(account);
  });
  const accountByKey = (key: string) => byKey.get(key);

  const router = cdcxRouter({ engine, profiles, now, desk, quirks, faults, limiter, errors, accountByKey });
  const http = await startLoopbackServer({
    port: options.port ?? 0,
    router,
    faults,
    now,
    notFound: (req) => notFound(now(), req.path),
    faultBody: (status) => (status === 429 ? json(429, { id: -1, method: '', code: 42901, message: 'TOO_MANY_REQUESTS' }) : { status, body: '' }),
  });

  // Per-instrument sequence and last-change time for the book channel (§7.5).
  const clocks = new Map<string, InstrumentClock>(profiles.map((p) => [p.market.symbol, { seq: now() * 1000, changedAt: now() }]));
  const offLevel = engine.on('level', (symbol) => {
    const clock = clocks.get(symbol);
    if (!clock) return;
    clock.seq += 17;
    clock.changedAt = now();
  });
  const market = new Set<MarketSession>();
  const users = new Set<UserSession>();
  const ctx = { engine, clocks, takeBookUpdateFault: (s: string) => faults.takeBookUpdateFault(s) };
  const offTrade = engine.on('trade', (t) => {
    for (const s of market) s.onTrade(t);
  });
  const offOrder = desk.on('order', (accountId, order, instrument) => {
    for (const s of users) s.deliver('user.order', accountId, instrument, [order]);
  });
  const offFill = desk.on('trade', (accountId, trade, instrument) => {
    for (const s of users) s.deliver('user.trade', accountId, instrument, [trade]);
  });
  const offBalance = desk.on('balance', (accountId) => {
    const row = balanceRow(engine.balances(accountId));
    for (const s of users) s.deliver('user.balance', accountId, undefined, [row]);
  });
  const ticker = setInterval(() => {
    for (const s of market) s.tick();
  }, 10);

  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  onUpgrade(
    http.server,
    ['/exchange/v1/market', '/exchange/v1/user'],
    (req, socket, head) =>
      wss.handleUpgrade(req, socket, head, (ws) => {
        if (req.url?.startsWith('/exchange/v1/user')) {
          const s = new UserSession(ws, quirks, now, faults, errors, desk, accountByKey);
          users.add(s);
          ws.on('close', () => users.delete(s));
        } else {
          const s = new MarketSession(ws, quirks, now, faults, errors, ctx);
          market.add(s);
          ws.on('close', () => market.delete(s));
        }
      }),
    () => faults.socketsRefused,
  );
  const all = () => [...market, ...users];
  faults.attach({
    dropConnections: () => all().forEach((s) => s.socket.terminate()),
    sendMalformedFrame: () => all().forEach((s) => s.socket.send('{"id":-1,"method":"subscribe","code":0,"result":')),
    sendFrame: (text) => all().forEach((s) => s.socket.send(text)),
  });

  const synthetic = new SyntheticMarket({ engine, seed: options.seed ?? 1, profiles, bookChangesPerSecond: options.bookChangesPerSecond ?? 8 * profiles.length, now });
  if (options.synthetic ?? true) {
    synthetic.bootstrap();
    synthetic.start();
  }

  let stopped = false;
  const sim: CdcxSimulator = {
    restUrl: http.url,
    apiRoot: `${http.url}/exchange/v1`,
    wsUrl: `ws://127.0.0.1:${http.port}/exchange/v1/market`,
    userWsUrl: `ws://127.0.0.1:${http.port}/exchange/v1/user`,
    engine,
    market: synthetic,
    faults,
    quirks,
    accounts: configs,
    errors,
    accountIdOf: (key) => byKey.get(key)?.accountId,
    get wsConnections() {
      return market.size + users.size;
    },
    restartWsTimers: () => all().forEach((s) => s.restartTimers()),
    resetRateLimits: () => limiter.reset(),
    fault: (fault) => applyFaultTo('cryptocom-exchange', sim, fault),
    async stop() {
      if (stopped) return;
      stopped = true;
      synthetic.stop();
      clearInterval(ticker);
      for (const off of [offLevel, offTrade, offOrder, offFill, offBalance]) off();
      desk.close();
      faults.reset();
      for (const s of all()) s.socket.terminate();
      wss.close();
      await http.close();
    },
  };
  return sim;
}
