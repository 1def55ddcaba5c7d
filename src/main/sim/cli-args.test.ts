import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CliUsageError, parseAccountFlag, parseSimCli } from './cli-args';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function configFile(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
  dirs.push(dir);
  const path = join(dir, 'sim.json');
  writeFileSync(path, content);
  return path;
}

describe('parseSimCli', () => {
  it('reads --account with balances, --seed, --rate and ports', () => {
    const config = parseSimCli(['--json', '--seed', '9', '--rate', '5000', '--port-icrypex', '0', '--account', 'icrypex:KEY1:c2VjcmV0LXNlY3JldC1zZWNyZXQ=:USDT=1000,BTC=1.5']);
    expect(config).toEqual({
      json: true, seed: 9, rate: 5000, ports: { icrypex: 0, cryptocom: undefined },
      accounts: [{ exchange: 'icrypex', apiKey: 'KEY1', apiSecret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQ=', balances: { USDT: '1000', BTC: '1.5' } }],
      faults: [], controlPort: undefined, cryptocom: { markets: undefined, orderQueryPer100ms: undefined },
    });
  });

  it('reads a config file and lets flags win', () => {
    const path = configFile(JSON.stringify({ seed: 3, rate: 10, ports: { cryptocom: 4000 }, accounts: [{ exchange: 'cryptocom', apiKey: 'k', apiSecret: 's', balances: { USDT: '5' } }] }));
    const config = parseSimCli(['--config', path, '--rate', '20']);
    expect(config).toMatchObject({ json: false, seed: 3, rate: 20, ports: { cryptocom: 4000 } });
    expect(config.accounts).toEqual([{ exchange: 'cryptocom', apiKey: 'k', apiSecret: 's', balances: { USDT: '5' } }]);
  });

  it('names the flag or field in every usage error', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--rate', 'fast'], /--rate must be a whole number/],
      [['--port-icrypex', '70000'], /--port-icrypex/],
      [['--account', 'binance:k:s'], /exchange must be icrypex, cryptocom or cryptocom-exchange, got "binance"/],
      [['--account', 'icrypex:k'], /EXCHANGE:KEY:SECRET/],
      [['--account', 'icrypex:k:s:USDT=-1'], /balance of USDT must be a non-negative decimal/],
      [['--account', 'icrypex:k:s:USDT'], /must look like USDT=1000/],
      [['--bogus'], /bogus/],
      [['--config', '/nonexistent/sim.json'], /--config: cannot read/],
    ];
    for (const [argv, message] of cases) expect(() => parseSimCli(argv), argv.join(' ')).toThrow(message);
    expect(() => parseSimCli(['--config', configFile('[1]')])).toThrow(/not a JSON object/);
    expect(() => parseSimCli(['--config', configFile('{"accounts":[{"exchange":"icrypex","apiKey":"k"}]}')])).toThrow(/accounts\[0\]: apiSecret is missing/);
    expect(() => parseSimCli(['--help'])).toThrow(CliUsageError);
  });

  it('reads every --fault form (issue 18): name, value, exchange, count and repeat', () => {
    const faults = parseSimCli([
      '--fault', 'drop-sockets', '--fault', 'drop-sockets=70s', '--fault', 'delay-orders=5s', '--fault', 'delay-orders=250ms', '--fault', 'delay-orders=2m', '--fault', 'delay-orders=0',
      '--fault', 'fail-orders', '--fault', 'fail-orders=503', '--fault', 'cryptocom:fail-orders=502x3',
      '--fault', 'gap-book', '--fault', 'icrypex:gap-book=btcusdt@20s', '--fault', 'malformed-frame', '--fault', 'stop-heartbeats',
      '--fault', 'resume-heartbeats', '--fault', 'reject-signature', '--fault', 'reset', '--fault', 'drop-sockets@500ms', '--fault', 'Cryptocom-Exchange:gap-book=ETHUSDT',
    ]).faults;
    expect(faults).toEqual([
      { request: { fault: { kind: 'drop-sockets' } } },
      { request: { fault: { kind: 'drop-sockets', forMs: 70_000 } } },
      { request: { fault: { kind: 'delay-orders', ms: 5000 } } },
      { request: { fault: { kind: 'delay-orders', ms: 250 } } },
      { request: { fault: { kind: 'delay-orders', ms: 120_000 } } },
      { request: { fault: { kind: 'delay-orders', ms: 0 } } },
      { request: { fault: { kind: 'fail-orders', status: 500, count: 1 } } },
      { request: { fault: { kind: 'fail-orders', status: 503, count: 1 } } },
      { request: { fault: { kind: 'fail-orders', status: 502, count: 3 }, exchange: 'cryptocom' } },
      { request: { fault: { kind: 'gap-book' } } },
      { request: { fault: { kind: 'gap-book', symbol: 'BTCUSDT' }, exchange: 'icrypex' }, everyMs: 20_000 },
      { request: { fault: { kind: 'malformed-frame' } } },
      { request: { fault: { kind: 'stop-heartbeats' } } },
      { request: { fault: { kind: 'resume-heartbeats' } } },
      { request: { fault: { kind: 'reject-signature' } } },
      { request: { fault: { kind: 'reset' } } },
      { request: { fault: { kind: 'drop-sockets' } }, everyMs: 500 },
      { request: { fault: { kind: 'gap-book', symbol: 'ETHUSDT' }, exchange: 'cryptocom-exchange' } },
    ]);
    expect(parseSimCli(['--config', configFile('{"faults":["delay-orders=1s"]}'), '--fault', 'reset']).faults).toEqual([
      { request: { fault: { kind: 'delay-orders', ms: 1000 } } },
      { request: { fault: { kind: 'reset' } } },
    ]);
  });

  it('reads --control-port, --cdc-markets and --cdc-order-query-rate (flags or config file)', () => {
    expect(parseSimCli(['--control-port', '7070', '--cdc-markets', 'compact', '--cdc-order-query-rate', '10'])).toMatchObject({
      controlPort: 7070, cryptocom: { markets: 'compact', orderQueryPer100ms: 10 },
    });
    expect(parseSimCli(['--cdc-markets', 'CROUSDT, crobtc']).cryptocom.markets).toEqual(['crousdt', 'crobtc']);
    expect(parseSimCli(['--cdc-markets', 'full']).cryptocom.markets).toBe('full');
    const path = configFile('{"controlPort":0,"cryptocom":{"markets":"compact","orderQueryPer100ms":4}}');
    expect(parseSimCli(['--config', path])).toMatchObject({ controlPort: 0, cryptocom: { markets: 'compact', orderQueryPer100ms: 4 } });
  });

  it('names the flag and the problem in every fault, market and rate error', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--fault', 'explode'], /--fault explode: unknown fault "explode"; known are drop-sockets, delay-orders/],
      [['--fault', 'delay-orders'], /delay-orders needs a duration, e.g. delay-orders=5s/],
      [['--fault', 'delay-orders=soon'], /delay-orders must be a duration such as 5s/],
      [['--fault', 'delay-orders=11m'], /at most 10 minutes/],
      [['--fault', 'fail-orders=200'], /HTTP error from 400 to 599, got 200/],
      [['--fault', 'fail-orders=500x0'], /count must be from 1 to 100, got 0/],
      [['--fault', 'fail-orders=oops'], /fail-orders takes an HTTP status and an optional count/],
      [['--fault', 'drop-sockets=3x'], /drop-sockets must be a duration such as 5s/],
      [['--fault', 'gap-book=BTC/USDT'], /must be a market such as BTCUSDT/],
      [['--fault', 'drop-sockets@5ms'], /repeat at most every 100 ms/],
      [['--fault', 'binance:reset'], /binance:reset: unknown exchange "binance"; known are icrypex, cryptocom, cryptocom-exchange/],
      [['--fault', 'cryptocom-exchange:explode'], /unknown fault "explode"/],
      [['--control-port', '99999'], /--control-port must be a whole number from 0 to 65535/],
      [['--cdc-markets', 'shibusdt'], /--cdc-markets: unknown Crypto.com V1 market shibusdt/],
      [['--cdc-markets', ''], /--cdc-markets must be full, compact or a comma-separated list/],
      [['--cdc-order-query-rate', '11'], /--cdc-order-query-rate must be a whole number from 1 to 10 \(requests per 100 ms/],
      [['--cdc-order-query-rate', '0'], /--cdc-order-query-rate must be a whole number from 1 to 10/],
      [['--cdc-order-query-rate', '2.5'], /--cdc-order-query-rate must be a whole number from 1 to 10/],
    ];
    for (const [argv, message] of cases) expect(() => parseSimCli(argv), argv.join(' ')).toThrow(message);
    expect(() => parseSimCli(['--config', configFile('{"faults":"reset"}')])).toThrow(/--config: faults must be an array/);
  });

  it('keeps base64 secrets intact (they hold no colon)', () => {
    expect(parseAccountFlag('icrypex:demoPublicKey123:ZXhhbXBsZS1zZWNyZXQtYnl0ZXMtMDEyMzQ1Njc4OSE=').apiSecret).toBe('ZXhhbXBsZS1zZWNyZXQtYnl0ZXMtMDEyMzQ1Njc4OSE=');
  });
});
