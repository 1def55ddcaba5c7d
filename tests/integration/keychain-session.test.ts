import { randomUUID } from 'node:crypto';
import keytar from 'keytar';
import { describe, expect, it } from 'vitest';

// Proves the test command gave this run a real, unlocked Secret Service (or the OS keychain).
describe('the test run has a real keychain', () => {
  it('stores, reads back and deletes a throwaway secret', async () => {
    const service = `keyboard-terminal-test-${randomUUID()}`;
    const secret = randomUUID();
    await keytar.setPassword(service, 'probe', secret);
    expect(await keytar.getPassword(service, 'probe')).toBe(secret);
    expect(await keytar.deletePassword(service, 'probe')).toBe(true);
    expect(await keytar.getPassword(service, 'probe')).toBeNull();
  });
});
