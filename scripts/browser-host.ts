import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pkg from '../package.json';
import { BUILT_BRIDGE_FILE } from '../src/browser-host/server/build-bridge';
import { prepareDataDir } from '../src/browser-host/server/data-dir';
import { startBrowserHost } from '../src/browser-host/server/host';
import { Engine, forkSimHost, installLastResortHandlers, processSimulators } from '../src/main/engine';
import { createKeytarSecretStore } from '../src/main/secrets';
import { createFileLog, type FileLog } from '../src/main/shell/file-log';

// `npm run dev:browser`: the engine in Node, the built renderer in any local browser.

// Until the data folder is known, lines go to the console only; then to <data>/logs/browser-host.log too.
const sink: { file?: FileLog } = {};
const log = (line: string) => (sink.file ? sink.file.write(line) : console.log(line));
// First thing: a stray rejection or throw is logged and the host keeps running (issue 12).
installLastResortHandlers({ where: 'browser-host', log: (line) => (sink.file ? sink.file.error(line) : console.error(line)) });

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env['TERMINAL_HOST_PORT'] ?? '5174' },
    // Default: a fresh private folder per run (src/browser-host/server/data-dir.ts).
    'data-dir': { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port: expected a port number from 0 to 65535, got "${values.port}"`);
  process.exit(2);
}
let dataDir: string;
try {
  dataDir = prepareDataDir(values['data-dir']);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
const fileLog = createFileLog({ dataDir, name: 'browser-host' });
sink.file = fileLog;

// A fresh data folder per run gets a keychain service of its own, emptied on stop, so earlier
// runs' demo keys are not reported as keys without an account (folder and keys go on stop);
// a --data-dir keeps the fixed service and its folder.
const ephemeral = values['data-dir'] === undefined;
const service = ephemeral ? `keyboard-terminal-browser-host-${dataDir.slice(-6)}` : 'keyboard-terminal-browser-host';
const secretStore = createKeytarSecretStore({ service });

// The page is served from the build (`npm run dev:browser` builds first). The bridge and demo
// mode's simulators come from the same build when it is there, which saves bundling the bridge
// and transpiling the simulators' sources at every start (docs/ui.md, "Cold start").
const builtSimHost = join(__dirname, '../out/main/sim-host.js');
const builtBridge = existsSync(BUILT_BRIDGE_FILE) ? readFileSync(BUILT_BRIDGE_FILE, 'utf8') : undefined;

async function main(): Promise<void> {
const engine = new Engine({
  name: pkg.productName,
  version: pkg.version,
  platform: process.platform,
  host: 'browser-host',
  dataDir,
  // Its own keychain service, so the dev host's demo keys never mix with the installed app's.
  secretStore,
  ...(existsSync(builtSimHost) ? { simulators: processSimulators(forkSimHost(builtSimHost)) } : {}),
  log,
});
// The page does not wait for the engine: it listens at once, and every call the page makes waits
// until the engine has loaded (demo accounts, simulators), so the shell draws while demo starts.
const starting = engine.start();
starting.catch((error: unknown) => {
  console.error(`the engine did not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
const host = await startBrowserHost({ engine, port, log, ...(builtBridge === undefined ? {} : { bridgeScript: builtBridge }) });
log(`browser host ready (127.0.0.1 only; data in ${dataDir}; logs in ${fileLog.dir}).`);
// The URL carries the session token: on the console only, never in the log file.
console.log(`Open:\n  ${host.url}`);

const stop = async () => {
  await host.close();
  await engine.stop();
  if (ephemeral) {
    const keys = await secretStore.list();
    if (keys.ok) for (const id of keys.value) await secretStore.delete(id);
    rmSync(dataDir, { recursive: true, force: true });
  }
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
