import { BUILT_BRIDGE_FILE, writeBridgeScript } from '../src/browser-host/server/build-bridge';

// Part of `npm run dev:browser`'s build: bundles the browser host's bridge once, so the host
// serves it from out/ instead of bundling it at every start.
writeBridgeScript().then(
  () => console.log(`bridge bundled: ${BUILT_BRIDGE_FILE}`),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
