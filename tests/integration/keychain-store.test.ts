import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKeytarSecretStore } from '../../src/main/secrets';
import type { Result } from '../../src/shared';

const ROOT = join(__dirname, '../..');
const CHILD = join(ROOT, 'tests/support/keychain-child.ts');

interface ChildReport {
  results: Record<string, Result<unknown>>;
  leaked: boolean;
}

function runChild(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let errText = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (errText += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) return reject(new Error(`child exited ${code}: ${errText.slice(-2000)}`));
      resolve(JSON.parse(line) as ChildReport);
    });
  });
}

/** A child in its own D-Bus session (no service activation) with its own unlocked gnome-keyring. */
async function inPrivateSession(scenario: string): Promise<ChildReport> {
  const home = mkdtempSync(join(tmpdir(), 'terminal-keychain-'));
  // No <servicedir>: once the daemon is gone nothing can start it again, so "stopped" stays stopped.
  const config = join(home, 'bus.conf');
  writeFileSync(
    config,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:tmpdir=${tmpdir()}</listen><auth>EXTERNAL</auth>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>`,
  );
  const inner = `printf throwaway | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "${process.execPath}" --import tsx "${CHILD}" "$1"`;
  try {
    return await runChild('dbus-run-session', [`--config-file=${config}`, '--', 'sh', '-c', inner, 'sh', scenario], {
      ...process.env,
      XDG_DATA_HOME: join(home, 'data'),
      XDG_RUNTIME_DIR: home,
    });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

function expectUnavailable(result: Result<unknown> | undefined): void {
  expect(result).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE', retryable: true, message: expect.stringMatching(/Start and unlock your keyring/) } });
  expect(result).toMatchObject({ error: { message: expect.stringMatching(/Keys are never stored anywhere else/) } });
}

describe('SecretStore on the real keychain', () => {
  it('stores key and secret, reads them back, lists the account, and removes the entry', async () => {
    const service = `keyboard-terminal-test-${randomBytes(6).toString('hex')}`;
    const store = createKeytarSecretStore({ service });
    const credentials = { apiKey: randomBytes(12).toString('hex'), apiSecret: randomBytes(32).toString('base64') };
    expect(await store.set('acc-1', credentials)).toEqual({ ok: true, value: undefined });
    expect(await store.set('acc-2', { apiKey: 'k2', apiSecret: 's2' })).toMatchObject({ ok: true });
    expect(await store.get('acc-1')).toEqual({ ok: true, value: credentials });
    expect(await store.list()).toEqual({ ok: true, value: ['acc-1', 'acc-2'] });
    expect(await store.delete('acc-1')).toEqual({ ok: true, value: true });
    expect(await store.get('acc-1')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await store.list()).toEqual({ ok: true, value: ['acc-2'] });
    expect(await store.delete('acc-2')).toEqual({ ok: true, value: true });
    expect(await store.delete('acc-2')).toEqual({ ok: true, value: false });
  });

  it('keeps a replaced secret only once (set twice is an update)', async () => {
    const store = createKeytarSecretStore({ service: `keyboard-terminal-test-${randomBytes(6).toString('hex')}` });
    await store.set('acc', { apiKey: 'k', apiSecret: 'first-secret' });
    await store.set('acc', { apiKey: 'k', apiSecret: 'second-secret' });
    expect(await store.get('acc')).toEqual({ ok: true, value: { apiKey: 'k', apiSecret: 'second-secret' } });
    expect(await store.list()).toEqual({ ok: true, value: ['acc'] });
    await store.delete('acc');
  });
});

describe.runIf(process.platform === 'linux')('SecretStore when the Secret Service is unavailable (child processes)', () => {
  it('answers KEYCHAIN_UNAVAILABLE with what to do for every call when there is no session bus', async () => {
    const report = await runChild(process.execPath, ['--import', 'tsx', CHILD, 'dead-bus'], {
      ...process.env,
      DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(tmpdir(), `no-bus-${randomBytes(4).toString('hex')}`)}`,
    });
    for (const step of ['set', 'get', 'delete', 'list']) expectUnavailable(report.results[step]);
    expect(report.leaked).toBe(false);
  });

  it('answers KEYCHAIN_UNAVAILABLE for every call after the Secret Service is stopped', async () => {
    const report = await inPrivateSession('stop-service');
    expect(report.results['before']).toMatchObject({ ok: true });
    for (const step of ['set', 'get', 'delete', 'list']) expectUnavailable(report.results[step]);
    expect(report.leaked).toBe(false);
  });

  it('answers KEYCHAIN_UNAVAILABLE within the timeout when the Secret Service hangs, and works again once it answers', async () => {
    const report = await inPrivateSession('hang');
    expectUnavailable(report.results['frozen']);
    expect(!report.results['frozen']?.ok && report.results['frozen']?.error.message).toMatch(/did not answer within 800 ms/);
    const elapsed = report.results['elapsed'];
    expect(elapsed?.ok && (elapsed.value as number)).toBeLessThan(5_000);
    expect(report.results['thawed']).toEqual({ ok: true, value: true });
    expect(report.results['cleanup']).toEqual({ ok: true, value: true });
    expect(report.leaked).toBe(false);
  });
});
