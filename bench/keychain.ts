import { randomBytes } from 'node:crypto';
import { createKeytarSecretStore } from '../src/main/secrets';
import { result, summarize } from './stats';

/**
 * What reading the key from the keychain on every signed call costs (the account runtime keeps
 * no copy of the secret). Needs a Secret Service: run it inside the test command's private
 * keyring, or wherever the OS keychain is unlocked.
 */
export async function keychainBenchmark(): Promise<void> {
  const store = createKeytarSecretStore({ service: `keyboard-terminal-bench-${randomBytes(4).toString('hex')}` });
  const credentials = { apiKey: randomBytes(12).toString('hex'), apiSecret: randomBytes(32).toString('base64') };
  const stored = await store.set('bench', credentials);
  if (!stored.ok) {
    console.log(`keychain bench skipped: ${stored.error.message}`);
    return;
  }
  try {
    for (let i = 0; i < 20; i++) await store.get('bench');
    const samples: number[] = [];
    for (let i = 0; i < 500; i++) {
      const started = performance.now();
      const got = await store.get('bench');
      samples.push(performance.now() - started);
      if (!got.ok) throw new Error(got.error.message);
    }
    const s = summarize(samples);
    console.log(`keychain get (per signed call): p50 ${s.p50.toFixed(3)} ms, p95 ${s.p95.toFixed(3)} ms, max ${s.max.toFixed(3)} ms over ${s.n}`);
    result({ name: 'keychain', metric: 'get_p50', value: Number(s.p50.toFixed(3)), unit: 'ms', p95: Number(s.p95.toFixed(3)), n: s.n });
  } finally {
    await store.delete('bench');
  }
}
