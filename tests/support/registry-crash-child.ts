import { AccountRegistry } from '../../src/main/accounts/registry';

// Child for tests/integration/registry-durability.test.ts: saves one account, then starts a
// second save and stops between the synced temp file and the rename, where the parent kills it.

async function main(): Promise<void> {
  const dataDir = process.argv[2]!;
  let crashPoint = false;
  const registry = new AccountRegistry(dataDir, {
    write: {
      beforeRename: async (temp) => {
        if (!crashPoint) return;
        process.stdout.write(`before-rename ${temp}\n`);
        await new Promise(() => {}); // The parent kills us here.
      },
    },
  });
  await registry.open();
  const base = { exchange: 'icrypex' as const, mode: 'live' as const, keyLast4: 'abcd', endpoints: {}, createdAt: 1 };
  await registry.add({ ...base, id: 'icrypex-first', label: 'First' });
  crashPoint = true;
  await registry.add({ ...base, id: 'icrypex-second', label: 'Second' });
}

void main();
