import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createKeytarSecretStore } from '../../src/main/secrets';
import type { Result } from '../../src/shared';

// Runs in a child process with its own D-Bus session (tests/integration/keychain-store.test.ts),
// so stopping or freezing the Secret Service here never touches the keyring other tests use.
// Prints one JSON line: { results: { <step>: Result }, leaked: boolean }.
//   dead-bus       the session bus address points at nothing
//   stop-service   store a key, kill the gnome-keyring daemon, then use the store
//   hang           store a key, freeze the daemon (SIGSTOP), read with a short timeout, thaw, read again

const scenario = process.argv[2];
const service = `keyboard-terminal-test-${randomBytes(6).toString('hex')}`;
const credentials = { apiKey: randomBytes(12).toString('hex'), apiSecret: randomBytes(32).toString('base64') };

function dbus(method: string, arg: string): string {
  return execFileSync('dbus-send', ['--session', '--print-reply=literal', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', `org.freedesktop.DBus.${method}`, `string:${arg}`], { encoding: 'utf8' });
}

function secretServicePid(): number {
  const pid = Number(/(\d+)\s*$/.exec(dbus('GetConnectionUnixProcessID', 'org.freedesktop.secrets').trim())?.[1]);
  if (!Number.isInteger(pid) || pid <= 1) throw new Error('no Secret Service pid');
  return pid;
}

async function until(predicate: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function main(): Promise<void> {
  const results: Record<string, Result<unknown>> = {};
  if (scenario === 'dead-bus') {
    const store = createKeytarSecretStore({ service, timeoutMs: 5_000 });
    results['set'] = await store.set('acc', credentials);
    results['get'] = await store.get('acc');
    results['delete'] = await store.delete('acc');
    results['list'] = await store.list();
  } else if (scenario === 'stop-service') {
    const store = createKeytarSecretStore({ service, timeoutMs: 5_000 });
    results['before'] = await store.set('acc', credentials);
    const pid = secretServicePid();
    process.kill(pid, 'SIGKILL');
    await until(() => dbus('NameHasOwner', 'org.freedesktop.secrets').includes('false'), 'the Secret Service to go away');
    results['set'] = await store.set('acc2', credentials);
    results['get'] = await store.get('acc');
    results['delete'] = await store.delete('acc');
    results['list'] = await store.list();
  } else if (scenario === 'hang') {
    const store = createKeytarSecretStore({ service, timeoutMs: 800 });
    results['before'] = await store.set('acc', credentials);
    const pid = secretServicePid();
    process.kill(pid, 'SIGSTOP');
    try {
      const started = Date.now();
      results['frozen'] = await store.get('acc');
      results['elapsed'] = { ok: true, value: Date.now() - started };
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    const thawed = await store.get('acc');
    results['thawed'] = thawed.ok ? { ok: true, value: thawed.value.apiSecret === credentials.apiSecret } : thawed;
    results['cleanup'] = await store.delete('acc');
  } else {
    throw new Error(`unknown scenario ${scenario}`);
  }
  // The key and secret are generated here and never printed; the parent learns only whether they leaked.
  const text = JSON.stringify(results);
  const leaked = text.includes(credentials.apiSecret) || text.includes(credentials.apiKey);
  process.stdout.write(`${JSON.stringify({ results, leaked })}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
