import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build, type Rolldown } from 'vite';

let cached: Promise<string> | undefined;

/** Bundles bridge/bridge.ts for the browser, once per process. */
export function buildBridgeScript(): Promise<string> {
  cached ??= (async () => {
    const output = await build({
      configFile: false,
      logLevel: 'warn',
      build: {
        write: false,
        minify: false,
        lib: { entry: join(__dirname, '../bridge/bridge.ts'), formats: ['es'], fileName: 'bridge' },
      },
    });
    const first = (Array.isArray(output) ? output[0] : output) as Rolldown.RolldownOutput;
    const chunk = first.output.find((item) => item.type === 'chunk');
    if (!chunk) throw new Error('the bridge bundle came out empty');
    return chunk.code;
  })();
  return cached;
}

/** Where `npm run dev:browser` keeps the bundled bridge, next to the rest of the build. */
export const BUILT_BRIDGE_FILE = join(__dirname, '../../../out/browser-host/bridge.js');

/** Bundles the bridge into `file` (the build step of `npm run dev:browser`), so the host need not at every start. */
export async function writeBridgeScript(file: string = BUILT_BRIDGE_FILE): Promise<void> {
  const code = await buildBridgeScript();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, code);
}
