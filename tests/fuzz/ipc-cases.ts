import fc from 'fast-check';
import { invokeChannels, type InvokeChannel } from '../../src/shared';
import type { SenderInfo } from '../../src/main/ipc/handle';
import { hostileKey, hostileValue, nested, ownProto } from './hostile-values';

// One fuzz case: a channel, a sender and a payload. Payloads are mostly a valid request of the
// channel with one thing broken (a field replaced, dropped, added, nested), so they get past
// the first check and reach the handlers, the trading rules and the simulators behind them.

export const OUR_PAGE = 'app://terminal/index.html';
export const OUR_CONTENTS = 1;

export interface FuzzContext {
  /** A demo account id per exchange (the simulators behind them are real). */
  accounts: string[];
  /** Endpoints of the simulators, so an added account stays on loopback. */
  endpoints: { rest: string; ws: string };
}

export interface FuzzCase {
  channel: string;
  sender: SenderInfo;
  payload: unknown;
  /** What was done to the payload, for the report. */
  recipe: string;
  /** The answer code this case must get whatever the payload (forged senders, unknown channels). */
  expect?: 'FORBIDDEN_SENDER' | 'NOT_FOUND';
}

let clientSeq = 0;
/** A valid request per channel: the starting point of each mutation. */
export function templates(ctx: FuzzContext): Record<InvokeChannel, () => unknown> {
  const account = ctx.accounts[0] ?? 'acc-missing';
  const order = () => ({ accountId: account, symbol: 'BTCUSDT', side: 'buy', type: 'limit', price: '100', quantity: '0.001', clientId: `fuzz${String(clientSeq++).padStart(8, '0')}` });
  return {
    'app:info': () => undefined,
    'app:ping': () => ({ sentAt: 1, echo: 'x' }),
    'app:save-export': () => ({ fileName: 'fuzz.csv', csv: 'a,b\r\n' }),
    'accounts:list': () => undefined,
    'accounts:add': () => ({ exchange: 'cryptocom', label: 'Fuzz', apiKey: 'fuzz-key-1234', apiSecret: 'fuzz-secret-1234', endpoints: ctx.endpoints }),
    'accounts:test': () => ({ accountId: account }),
    'accounts:rename': () => ({ accountId: account, label: 'Renamed' }),
    // Never a real account: removing the demo accounts would end the rest of the run early.
    'accounts:remove': () => ({ accountId: 'acc-fuzz-missing' }),
    'accounts:problems': () => undefined,
    'balances:list': () => ({ accountId: account }),
    'market:list': () => ({ accountId: account }),
    'market:tickers': () => ({ accountId: account }),
    'market:candles': () => ({ accountId: account, symbol: 'BTCUSDT', resolution: '1m' }),
    'market:subscribe': () => ({ stream: 'ticker', accountId: account, symbol: 'BTCUSDT' }),
    'market:unsubscribe': () => ({ subscriptionId: 'sub-1' }),
    'orders:preview': () => {
      const { clientId: _unused, ...rest } = order();
      return rest;
    },
    'orders:place': () => ({ ...order(), dryRun: true }),
    'orders:cancel': () => ({ accountId: account, symbol: 'BTCUSDT', orderId: '1' }),
    // Never a real order id: a move of a real order would disturb the rest of the run.
    'orders:move': () => ({ accountId: account, symbol: 'BTCUSDT', orderId: 'fuzz-missing', price: '100', clientId: order().clientId }),
    'orders:cancel-all': () => ({ accountId: account, symbol: 'BTCUSDT' }),
    'orders:open': () => ({ accountId: account }),
    'orders:history': () => ({ accountId: account, symbol: 'BTCUSDT' }),
    'orders:fills': () => ({ accountId: account }),
    'orders:basket': () => {
      const { accountId: _a, quantity: _q, ...rest } = order();
      return { ...rest, dryRun: true, legs: ctx.accounts.map((accountId) => ({ accountId, quantity: '0.001' })) };
    },
    'settings:get': () => undefined,
    // readOnly on: the check in ipc-fuzz.ts proves no malformed update turns it off.
    'settings:set': () => ({ readOnly: true, priceBandPercent: 50 }),
    'status:get': () => undefined,
    'alerts:list': () => undefined,
    'alerts:add': () => ({ accountId: account, symbol: 'BTCUSDT', condition: 'above', price: '1000000' }),
    // Never a real alert id: the fuzz run must not edit or remove what it did not add.
    'alerts:update': () => ({ id: 'alert-fuzz-missing', price: '100' }),
    'alerts:remove': () => ({ id: 'alert-fuzz-missing' }),
    // Only reset: a real fault (sockets cut, orders delayed) would disturb the rest of the run.
    'sim:fault': () => ({ fault: { kind: 'reset' } }),
  };
}

/** Every path to a value inside `value` (objects and arrays), the root included as []. */
function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (value && typeof value === 'object' && prefix.length < 4) {
    for (const [key, child] of Object.entries(value)) paths(child, [...prefix, Array.isArray(value) ? Number(key) : key], out);
  }
  return out;
}

function setAt(root: unknown, path: (string | number)[], edit: (parent: Record<string | number, unknown>, key: string | number) => void): unknown {
  if (path.length === 0) return root;
  let parent = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  edit(parent, path[path.length - 1]!);
  return root;
}

type Mutation = 'replace' | 'drop' | 'extra' | 'proto' | 'deepen' | 'whole' | 'valid';
const mutations = fc.constantFrom<Mutation>('replace', 'replace', 'replace', 'drop', 'extra', 'proto', 'deepen', 'whole', 'valid');

/** Applies one mutation to a fresh template; `pick` chooses the path. */
export function mutate(template: unknown, mutation: Mutation, pick: number, value: unknown, key: string): { payload: unknown; recipe: string } {
  const all = paths(template);
  const inner = all.filter((p) => p.length > 0);
  const path = inner.length ? inner[pick % inner.length]! : [];
  const where = path.join('.') || 'payload';
  switch (mutation) {
    case 'valid':
      return { payload: template, recipe: 'valid template' };
    case 'whole':
      return { payload: value, recipe: 'payload replaced' };
    case 'replace':
      if (!path.length) return { payload: value, recipe: 'payload replaced' };
      return { payload: setAt(template, path, (p, k) => (p[k] = value)), recipe: `${where} replaced` };
    case 'drop':
      if (!path.length) return { payload: undefined, recipe: 'payload dropped' };
      return { payload: setAt(template, path, (p, k) => delete p[k]), recipe: `${where} dropped` };
    case 'deepen':
      if (!path.length) return { payload: nested(10_000, 'object'), recipe: 'payload nested 10000 deep' };
      return { payload: setAt(template, path, (p, k) => (p[k] = nested(10_000, pick % 2 ? 'array' : 'object'))), recipe: `${where} nested 10000 deep` };
    case 'proto': {
      const base = template && typeof template === 'object' ? template : {};
      return { payload: Object.assign(ownProto({ readOnly: false, accountId: 'acc-other', polluted: true }), base), recipe: 'own __proto__ key added' };
    }
    case 'extra': {
      const base = template && typeof template === 'object' ? (template as Record<string, unknown>) : {};
      if (key === '__proto__') return { payload: Object.assign(ownProto(value), base), recipe: 'extra __proto__ key' };
      return { payload: { ...base, [key]: value }, recipe: `extra key ${JSON.stringify(key.slice(0, 20))}` };
    }
  }
}

const FORGED: SenderInfo[] = [
  { id: OUR_CONTENTS, frameUrl: 'file://evil-host/index.html', isTopFrame: true },
  { id: OUR_CONTENTS, frameUrl: 'file:///index.html', isTopFrame: true },
  { id: OUR_CONTENTS, frameUrl: 'app://evil/index.html', isTopFrame: true },
  { id: OUR_CONTENTS, frameUrl: 'https://example.com/', isTopFrame: true },
  { id: OUR_CONTENTS, frameUrl: OUR_PAGE, isTopFrame: false },
  { id: 99, frameUrl: OUR_PAGE, isTopFrame: true },
  { id: OUR_CONTENTS, frameUrl: '', isTopFrame: true },
];
const UNKNOWN_CHANNELS = ['', 'shell:exec', 'app:Info', '__proto__', 'constructor', 'toString', 'accounts:list\0', 'x'.repeat(100_000), 'orders:place ', 'hasOwnProperty'];
const trusted: SenderInfo = { id: OUR_CONTENTS, frameUrl: OUR_PAGE, isTopFrame: true };

/** The arbitrary of one case, over every contract channel, unknown channels and forged senders. */
export function fuzzCase(ctx: FuzzContext): fc.Arbitrary<FuzzCase> {
  const make = templates(ctx);
  const channels = Object.keys(invokeChannels) as InvokeChannel[];
  const contractCase = fc
    .record({ channel: fc.constantFrom(...channels), mutation: mutations, pick: fc.nat(), value: hostileValue, key: hostileKey })
    .map(({ channel, mutation, pick, value, key }): FuzzCase => ({ channel, sender: trusted, ...mutate(make[channel](), mutation, pick, value, key) }));
  const forgedCase = fc
    .record({ channel: fc.constantFrom(...channels), sender: fc.constantFrom(...FORGED), mutation: mutations, pick: fc.nat(), value: hostileValue, key: hostileKey })
    .map(({ channel, sender, mutation, pick, value, key }): FuzzCase => ({ channel, sender, ...mutate(make[channel](), mutation, pick, value, key), expect: 'FORBIDDEN_SENDER' }));
  const unknownCase = fc
    .record({ channel: fc.oneof(fc.constantFrom(...UNKNOWN_CHANNELS), fc.string({ unit: 'binary', maxLength: 40 })), value: hostileValue })
    .filter(({ channel }) => !Object.hasOwn(invokeChannels, channel))
    .map(({ channel, value }): FuzzCase => ({ channel, sender: trusted, payload: value, recipe: 'unknown channel', expect: 'NOT_FOUND' }));
  return fc.oneof({ weight: 16, arbitrary: contractCase }, { weight: 2, arbitrary: forgedCase }, { weight: 1, arbitrary: unknownCase });
}
