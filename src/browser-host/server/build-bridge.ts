import { join } from 'node:path';
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
