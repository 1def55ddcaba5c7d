import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signedHeaders } from '../support/icrypex-sim';

const ROOT = join(__dirname, '..', '..');

/** Starts `tsx src/main/sim/cli.ts` (what `npm run sim` runs) and resolves with its first stdout line. */
function startCli(args: string[]) {
  const child = spawn(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'src/main/sim/cli.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf('\n');
      if (newline >= 0) resolve(stdout.slice(0, newline));
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`sim exited with ${code}: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, firstLine, exited, output: () => ({ stdout, stderr }) };
}

describe('npm run sim', () => {
  it('prints exactly one JSON line once ready, serves the given account, and stops on SIGTERM', async () => {
    const account = { apiKey: 'cliTestKey', apiSecret: Buffer.from('cli-test-secret-bytes-0123456789').toString('base64') };
    const cli = startCli(['--json', '--seed', '4', '--rate', '50', '--account', `icrypex:${account.apiKey}:${account.apiSecret}:USDT=1234.5`]);
    try {
      const summary = JSON.parse(await cli.firstLine) as {
        icrypex: { rest: string; ws: string };
        cryptocom: { rest: string; ws: string } | null;
        accounts: Array<{ exchange: string; apiKey: string; apiSecret: string }>;
      };
      expect(summary.icrypex.rest).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(summary.icrypex.ws).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/$/);
      expect(summary.accounts).toContainEqual({ exchange: 'icrypex', ...account });
      const res = await fetch(`${summary.icrypex.rest}/sapi/v1/wallet`, { headers: signedHeaders(account, Date.now()) });
      const usdt = ((await res.json()) as Array<{ asset: string; total: string }>).find((row) => row.asset === 'USDT');
      expect(usdt?.total).toBe('1234.5');
    } finally {
      cli.child.kill('SIGTERM');
    }
    expect(await cli.exited).toBe(0);
    expect(cli.output().stdout.trim().split('\n')).toHaveLength(1);
  });

  it('exits with 2 and names the flag on bad input', async () => {
    const cli = startCli(['--rate', 'fast']);
    await expect(cli.firstLine).rejects.toThrow(/--rate must be a whole number/);
    expect(await cli.exited).toBe(2);
  });
});
