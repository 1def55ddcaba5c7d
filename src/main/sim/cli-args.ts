import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EXCHANGE_IDS } from '../../shared';
import { FaultSpecError, parseFaultSpec, type FaultSpec } from './control/spec';
import { type CryptocomMarketSet, cryptocomProfiles } from './cryptocom/markets';
import { parseDecimal } from './shared/decimal';
import { type SimAccountConfig, type SimExchange } from './types';

/** What `npm run sim` was asked to do. */
export interface SimCliConfig {
  json: boolean;
  seed?: number;
  rate?: number;
  ports: Partial<Record<SimExchange, number>>;
  accounts: SimAccountConfig[];
  /** Faults applied at start, some repeated (`--fault`). */
  faults: FaultSpec[];
  /** Port of the control endpoint (default 0: a free one). */
  controlPort?: number;
  /** Crypto.com: market set and the §3 order-query rate switch. */
  cryptocom: { markets?: CryptocomMarketSet; orderQueryPer100ms?: number };
}

/** A bad flag or config file: the message names it. */
export class CliUsageError extends Error {}

/** Every exchange of the catalog; `npm run sim` skips, with a line, those it cannot simulate. */
const EXCHANGES: readonly string[] = EXCHANGE_IDS;
const EXCHANGE_WORDS = `${EXCHANGES.slice(0, -1).join(', ')} or ${EXCHANGES.at(-1)}`;
export const USAGE = `usage: npm run sim -- [--json] [--seed N] [--rate N] ${EXCHANGES.map((e) => `[--port-${e} N]`).join(' ')}
                       [--account EXCHANGE:KEY:SECRET[:ASSET=AMOUNT,...]]... [--config file.json]
                       [--fault [EXCHANGE:]NAME[=VALUE][@EVERY]]... [--control-port N]
                       [--cdc-markets full|compact|SYMBOL,...] [--cdc-order-query-rate 1..10]
  EXCHANGE is ${EXCHANGE_WORDS}. Faults (docs/simulators.md): drop-sockets, delay-orders=5s,
  fail-orders=500[xCOUNT], gap-book[=SYMBOL], malformed-frame, stop-heartbeats, resume-heartbeats,
  reject-signature, reset; @30s repeats one every 30 s. The config file is JSON:
  {"seed":1,"rate":30,"ports":{"icrypex":0},"accounts":[{"exchange":"icrypex","apiKey":"…","apiSecret":"…","balances":{"USDT":"1000"}}],
   "faults":["delay-orders=2s"],"controlPort":0,"cryptocom":{"markets":"compact","orderQueryPer100ms":10}}`;

function wholeNumber(flag: string, raw: unknown, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (raw === undefined) return undefined;
  const value = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max) throw new CliUsageError(`${flag} must be a whole number from 0 to ${max}, got ${JSON.stringify(raw)}`);
  return value;
}

function balancesFrom(where: string, raw: unknown): Record<string, string> {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new CliUsageError(`${where}.balances must be an object of ASSET: "amount"`);
  const out: Record<string, string> = {};
  for (const [asset, amount] of Object.entries(raw)) {
    const value = parseDecimal(amount);
    if (!/^[A-Z0-9]{1,15}$/.test(asset)) throw new CliUsageError(`${where}: asset ${JSON.stringify(asset)} must be upper-case letters and digits`);
    if (!value) throw new CliUsageError(`${where}: balance of ${asset} must be a non-negative decimal, got ${JSON.stringify(amount)}`);
    out[asset] = value.toString();
  }
  return out;
}

function account(where: string, exchange: unknown, apiKey: unknown, apiSecret: unknown, balances: Record<string, string>): SimAccountConfig {
  if (typeof exchange !== 'string' || !EXCHANGES.includes(exchange)) throw new CliUsageError(`${where}: exchange must be ${EXCHANGE_WORDS}, got ${JSON.stringify(exchange)}`);
  if (typeof apiKey !== 'string' || apiKey === '') throw new CliUsageError(`${where}: apiKey is missing`);
  if (typeof apiSecret !== 'string' || apiSecret === '') throw new CliUsageError(`${where}: apiSecret is missing`);
  return { exchange: exchange as SimExchange, apiKey, apiSecret, balances };
}

/** Parses `--account icrypex:KEY:SECRET:USDT=1000,BTC=1` (base64 secrets hold no colon). */
export function parseAccountFlag(text: string): SimAccountConfig {
  const parts = text.split(':');
  if (parts.length < 3 || parts.length > 4) throw new CliUsageError(`--account ${JSON.stringify(text)}: expected EXCHANGE:KEY:SECRET[:ASSET=AMOUNT,...]`);
  const balances: Record<string, string> = {};
  for (const pair of (parts[3] ?? '').split(',').filter(Boolean)) {
    const [asset, amount, extra] = pair.split('=');
    if (!asset || amount === undefined || extra !== undefined) throw new CliUsageError(`--account: balance ${JSON.stringify(pair)} must look like USDT=1000`);
    Object.assign(balances, balancesFrom('--account', { [asset]: amount }));
  }
  return account('--account', parts[0], parts[1], parts[2], balances);
}

/** Reads flags, then a config file; flags win over the file. */
export function parseSimCli(argv: readonly string[]): SimCliConfig {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        json: { type: 'boolean', default: false },
        seed: { type: 'string' },
        rate: { type: 'string' },
        ...Object.fromEntries(EXCHANGES.map((e) => [`port-${e}`, { type: 'string' } as const])),
        account: { type: 'string', multiple: true },
        config: { type: 'string' },
        fault: { type: 'string', multiple: true },
        'control-port': { type: 'string' },
        'cdc-markets': { type: 'string' },
        'cdc-order-query-rate': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  const { values } = parsed;
  if (values.help) throw new CliUsageError('');
  let file: Record<string, unknown> = {};
  if (values.config) {
    let text: string;
    try {
      text = readFileSync(values.config, 'utf8');
    } catch {
      throw new CliUsageError(`--config: cannot read ${values.config}`);
    }
    try {
      const data: unknown = JSON.parse(text);
      if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('not an object');
      file = data as Record<string, unknown>;
    } catch {
      throw new CliUsageError(`--config: ${values.config} is not a JSON object`);
    }
  }
  const fileAccounts = file.accounts === undefined ? [] : file.accounts;
  if (!Array.isArray(fileAccounts)) throw new CliUsageError('--config: accounts must be an array');
  const accounts = fileAccounts.map((entry: unknown, index) => {
    const where = `--config accounts[${index}]`;
    if (typeof entry !== 'object' || entry === null) throw new CliUsageError(`${where} must be an object`);
    const e = entry as Record<string, unknown>;
    return account(where, e.exchange, e.apiKey, e.apiSecret, balancesFrom(where, e.balances));
  });
  for (const text of values.account ?? []) accounts.push(parseAccountFlag(text));
  const filePorts = (typeof file.ports === 'object' && file.ports !== null ? file.ports : {}) as Record<string, unknown>;
  const fileCdc = (typeof file.cryptocom === 'object' && file.cryptocom !== null ? file.cryptocom : {}) as Record<string, unknown>;
  const fileFaults = file.faults === undefined ? [] : file.faults;
  if (!Array.isArray(fileFaults) || fileFaults.some((f) => typeof f !== 'string')) throw new CliUsageError('--config: faults must be an array of fault specs such as "delay-orders=5s"');
  const faults = [...(fileFaults as string[]), ...(values.fault ?? [])].map((text) => {
    try {
      return parseFaultSpec(text, { allowRepeat: true });
    } catch (error) {
      if (error instanceof FaultSpecError) throw new CliUsageError(`--fault ${error.message}`);
      throw error;
    }
  });
  const orderQueryPer100ms = values['cdc-order-query-rate'] ?? fileCdc.orderQueryPer100ms;
  const queryRate = orderQueryPer100ms === undefined ? undefined : Number(orderQueryPer100ms);
  if (queryRate !== undefined && !(Number.isInteger(queryRate) && queryRate >= 1 && queryRate <= 10)) {
    throw new CliUsageError(`--cdc-order-query-rate must be a whole number from 1 to 10 (requests per 100 ms, specs/cryptocom-v1.md §3), got ${JSON.stringify(orderQueryPer100ms)}`);
  }
  return {
    json: values.json ?? false,
    seed: wholeNumber('--seed', values.seed ?? file.seed, 0xffffffff),
    rate: wholeNumber('--rate', values.rate ?? file.rate, 1_000_000),
    ports: Object.fromEntries(EXCHANGES.map((e) => [e, wholeNumber(`--port-${e}`, (values as Record<string, unknown>)[`port-${e}`] ?? filePorts[e], 65535)])),
    accounts,
    faults,
    controlPort: wholeNumber('--control-port', values['control-port'] ?? file.controlPort, 65535),
    cryptocom: { markets: marketSet(values['cdc-markets'] ?? fileCdc.markets), orderQueryPer100ms: queryRate },
  };
}

/** `--cdc-markets full`, `compact` or `crousdt,crobtc`: checked against the 2020 set. */
function marketSet(raw: unknown): CryptocomMarketSet | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.trim() === '') throw new CliUsageError('--cdc-markets must be full, compact or a comma-separated list such as crousdt,crobtc');
  const text = raw.trim().toLowerCase();
  const set: CryptocomMarketSet = text === 'full' || text === 'compact' ? text : text.split(',').map((s) => s.trim()).filter(Boolean);
  try {
    cryptocomProfiles(set);
  } catch (error) {
    throw new CliUsageError(`--cdc-markets: ${error instanceof Error ? error.message : String(error)}`);
  }
  return set;
}
