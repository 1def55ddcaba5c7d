import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKeytarSecretStore, type SecretStore } from '../../src/main/secrets';
import type { EngineOptions } from '../../src/main/engine';
import type { Endpoints, ExchangeId } from '../../src/shared';
import { connectorFactories } from '../../src/main/exchanges/registry';
import { startSimulators } from '../../src/main/sim';
import { generateCryptocomAccount } from '../../src/main/sim/cryptocom';
import { generateAccount } from '../../src/main/sim/shared/accounts';
import { FakeExchange } from '../support/fake-exchange';
import { startHarness, waitFor, type Harness } from '../support/engine-harness';
import { filesUnder, findLeaks } from '../support/leak-scan';

interface Stack {
  name: string;
  engine: Partial<EngineOptions>;
  exchange: ExchangeId;
  apiKey: string;
  apiSecret: string;
  endpoints?: Endpoints;
  symbol: string;
  /** A limit price that rests (below the market) and passes the price band. */
  restingPrice: (mid: number) => string;
  quantity: string;
  /** Whether the stack pushes live market data (the test double does not). */
  streams: boolean;
  close(): Promise<void>;
}

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const run of cleanup.reverse()) await run();
  cleanup = [];
  vi.restoreAllMocks();
});

/** Test-double exchange (the connectors and simulators are covered by the real-stack run when they exist). */
async function fakeStack(): Promise<Stack> {
  const venue = new FakeExchange('icrypex');
  const apiKey = randomBytes(12).toString('hex');
  const apiSecret = randomBytes(32).toString('base64');
  venue.addAccount(apiKey, apiSecret);
  return {
    name: 'test-double exchange',
    engine: { connectorFactories: { icrypex: venue.factory }, demo: false },
    exchange: 'icrypex',
    apiKey,
    apiSecret,
    symbol: 'BTCUSDT',
    restingPrice: (mid) => (mid * 0.97).toFixed(2),
    quantity: '0.01',
    streams: false,
    close: async () => {},
  };
}

/**
 * The real thing: the embedded simulators, the real connectors from the exchange registry, and
 * demo mode on (so the demo accounts' generated secrets are scanned too). The live account is a
 * simulator account added through accounts:add with endpoint overrides.
 */
async function simulatorStack(exchange: ExchangeId): Promise<Stack> {
  const live = exchange === 'cryptocom' ? generateCryptocomAccount() : generateAccount('icrypex');
  const sims = await startSimulators({ accounts: [live] });
  const running = exchange === 'cryptocom' ? sims.cryptocom : sims.icrypex;
  return {
    name: `${exchange} simulator and connector`,
    engine: { demo: true },
    exchange,
    apiKey: live.apiKey,
    apiSecret: live.apiSecret,
    endpoints: { rest: running.rest, ws: running.ws },
    symbol: 'BTCUSDT',
    restingPrice: (mid) => (mid * 0.97).toFixed(2),
    quantity: '0.01',
    streams: true,
    close: () => sims.stop(),
  };
}

const stacks = [
  { name: 'test-double exchange', make: fakeStack },
  ...(['cryptocom', 'icrypex'] as const)
    .filter((e) => connectorFactories[e] !== undefined)
    .map((e) => ({ name: `${e} simulator and real connector`, make: () => simulatorStack(e) })),
];

/** Captures everything written to the console while the session runs. */
function captureConsole(): string[] {
  const lines: string[] = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
  }
  return lines;
}

async function scriptedSession(stack: Stack, secrets: SecretStore): Promise<{ h: Harness; consoleLines: string[]; extraSecrets: string[] }> {
  const consoleLines = captureConsole();
  const h = await startHarness({ ...stack.engine, secretStore: secrets });
  cleanup.push(() => h.close());
  // Secrets of demo accounts the engine created are scanned too.
  const extraSecrets: string[] = [];
  for (const account of await h.value('accounts:list', undefined)) {
    const stored = await secrets.get(account.id);
    if (stored.ok) extraSecrets.push(stored.value.apiSecret);
  }

  // A wrong secret first: refused, and that secret must not leak either.
  const wrongSecret = randomBytes(32).toString('base64');
  extraSecrets.push(wrongSecret);
  const refused = await h.call('accounts:add', { exchange: stack.exchange, label: 'Wrong', apiKey: stack.apiKey, apiSecret: wrongSecret, endpoints: stack.endpoints });
  expect(refused.ok).toBe(false);

  const account = await h.value('accounts:add', { exchange: stack.exchange, label: 'Leak test', apiKey: stack.apiKey, apiSecret: stack.apiSecret, endpoints: stack.endpoints });
  await h.value('accounts:test', { accountId: account.id });
  await h.value('accounts:rename', { accountId: account.id, label: 'Leak test renamed' });
  await h.value('accounts:list', undefined);
  await h.value('balances:list', {});
  await h.value('settings:set', { symbolLimits: { [stack.symbol]: { maxQuantity: '100' } } });
  await h.call('market:list', { accountId: account.id });
  await h.call('status:get', undefined);
  if (stack.streams) {
    await h.value('market:subscribe', { stream: 'book', accountId: account.id, symbol: stack.symbol });
    await waitFor(() => h.events.some((e) => e.channel === 'market:book'), 'a book push', 10_000);
  }
  const mid = await midFromPreview(h, account.id, stack.symbol);
  const price = stack.restingPrice(mid);
  await h.value('orders:preview', { accountId: account.id, symbol: stack.symbol, side: 'buy', type: 'limit', price, quantity: stack.quantity });
  const resting = await h.value('orders:place', { accountId: account.id, symbol: stack.symbol, side: 'buy', type: 'limit', price, quantity: stack.quantity, clientId: `leak-${randomBytes(4).toString('hex')}` });
  // A market sell by quantity works on every exchange (Crypto.com V1 sizes market buys by total only).
  await h.value('orders:place', { accountId: account.id, symbol: stack.symbol, side: 'sell', type: 'market', quantity: stack.quantity, clientId: `leak-${randomBytes(4).toString('hex')}` });
  await h.value('orders:open', {});
  await h.value('orders:history', { accountId: account.id, symbol: stack.symbol });
  await h.value('orders:fills', { accountId: account.id, symbol: stack.symbol });
  await h.value('orders:cancel', { accountId: account.id, symbol: stack.symbol, orderId: resting.id });
  await h.value('orders:basket', { symbol: stack.symbol, side: 'buy', type: 'limit', price, clientId: `leak-${randomBytes(4).toString('hex')}`, legs: [{ accountId: account.id, quantity: stack.quantity }] });
  await h.value('orders:cancel-all', {});
  expect(await h.value('accounts:remove', { accountId: account.id })).toEqual({ removed: true });
  expect(await secrets.get(account.id)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  return { h, consoleLines, extraSecrets };
}

/** The mid as the trading service sees it: the notional of a 1-unit market order preview. */
async function midFromPreview(h: Harness, accountId: string, symbol: string): Promise<number> {
  const preview = await h.value('orders:preview', { accountId, symbol, side: 'buy', type: 'market', quantity: '1' });
  const mid = Number(preview.notional);
  expect(mid).toBeGreaterThan(0);
  return mid;
}

describe.each(stacks)('no secret leaves the keychain during a full session ($name)', ({ make }) => {
  it('leaves the secret in no IPC answer, no event, no file under the data folder, and no log line', async () => {
    const stack = await make();
    cleanup.push(() => stack.close());
    const service = `keyboard-terminal-test-${randomBytes(6).toString('hex')}`;
    const secrets = createKeytarSecretStore({ service });
    const { h, consoleLines, extraSecrets } = await scriptedSession(stack, secrets);
    await h.engine.stop();

    const scanned = [stack.apiSecret, ...extraSecrets];
    const places = [
      ...h.responses.map((r, i) => ({ where: `response #${i}`, text: JSON.stringify(r) })),
      ...h.events.map((e, i) => ({ where: `event #${i} ${e.channel}`, text: JSON.stringify(e.payload) })),
      ...filesUnder(h.dataDir).map((f) => ({ where: `file ${f.path}`, text: f.text })),
      ...h.logs.map((line, i) => ({ where: `log line #${i}`, text: line })),
      ...consoleLines.map((line, i) => ({ where: `console line #${i}`, text: line })),
    ];
    // The scan has material to look at: answers, pushes, the registry file, log lines.
    expect(h.responses.length).toBeGreaterThan(15);
    expect(h.events.some((e) => e.channel === 'orders:update')).toBe(true);
    expect(filesUnder(h.dataDir).length).toBeGreaterThan(0);
    expect(h.logs.length).toBeGreaterThan(0);
    expect(findLeaks(scanned, places)).toEqual([]);
    // The full API key is not written to disk either; only its last 4 are.
    expect(findLeaks([stack.apiKey], filesUnder(h.dataDir).map((f) => ({ where: f.path, text: f.text })))).toEqual([]);
    // The scanner itself finds a planted secret.
    expect(findLeaks([stack.apiSecret], [{ where: 'planted', text: `x${encodeURIComponent(stack.apiSecret)}x` }])).toEqual(['planted']);
    // Only the demo accounts' keys are left in the keychain; the removed account's is gone.
    const demoIds = (await h.value('accounts:list', undefined)).filter((a) => a.mode === 'demo').map((a) => a.id).sort();
    expect(await secrets.list()).toEqual({ ok: true, value: demoIds });
    for (const id of demoIds) await secrets.delete(id);
  });
});
