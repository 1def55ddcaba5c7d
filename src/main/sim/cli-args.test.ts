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
      [['--account', 'binance:k:s'], /exchange must be icrypex or cryptocom/],
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

  it('keeps base64 secrets intact (they hold no colon)', () => {
    expect(parseAccountFlag('icrypex:demoPublicKey123:ZXhhbXBsZS1zZWNyZXQtYnl0ZXMtMDEyMzQ1Njc4OSE=').apiSecret).toBe('ZXhhbXBsZS1zZWNyZXQtYnl0ZXMtMDEyMzQ1Njc4OSE=');
  });
});
