import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pkg from '../package.json';
import { startBrowserHost } from '../src/browser-host/server/host';
import { Engine } from '../src/main/engine';
import { createKeytarSecretStore } from '../src/main/secrets';

// `npm run dev:browser`: the engine in Node, the built renderer in any local browser.

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env['TERMINAL_HOST_PORT'] ?? '5174' },
    'data-dir': { type: 'string', default: join(tmpdir(), 'keyboard-terminal-browser-host') },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port: expected a port number from 0 to 65535, got "${values.port}"`);
  process.exit(2);
}
mkdirSync(values['data-dir'], { recursive: true });

async function main(): Promise<void> {
const engine = new Engine({
  name: pkg.productName,
  version: pkg.version,
  platform: process.platform,
  host: 'browser-host',
  dataDir: values['data-dir'],
  // Its own keychain service, so the dev host's demo keys never mix with the installed app's.
  secretStore: createKeytarSecretStore({ service: 'keyboard-terminal-browser-host' }),
  log: (line) => console.log(line),
});
await engine.start();
const host = await startBrowserHost({ engine, port, log: (line) => console.log(line) });
console.log(`browser host ready (127.0.0.1 only). Open:\n  ${host.url}`);

const stop = async () => {
  await host.close();
  await engine.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
