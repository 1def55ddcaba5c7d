import { AlertStore } from '../../../src/main/alerts/alert-store';
import { SettingsStore } from '../../../src/main/settings/settings-store';
import { saveShellState } from '../../../src/main/shell/window-state';
import type { PriceAlert } from '../../../src/shared';

// Child for tests/chaos/sigkill-stores.test.ts: saves the settings, the price alerts and the
// window layout (shell state) in a loop, each with a rising version, and prints
// `committed <store> <version>` once a save has resolved. The parent SIGKILLs it at any moment.
// argv: <dataDir> <round>; a version is round * 1e6 + the iteration.

export const STORES = ['settings', 'alerts', 'layout'] as const;
export type StoreName = (typeof STORES)[number];

/** Filler so each file takes more than one write call's worth of bytes to lay down. */
function alertsOf(version: number): PriceAlert[] {
  return Array.from({ length: 60 }, (_, i) => ({
    id: `alert-${i + 1}`,
    exchange: 'icrypex',
    symbol: 'BTCUSDT',
    accountId: 'icrypex-main',
    condition: 'above',
    price: `${60_000 + i}.5`,
    createdAt: version,
    state: 'armed',
  }));
}

async function main(): Promise<void> {
  const [dataDir, roundText] = process.argv.slice(2);
  const round = Number(roundText);
  const settings = new SettingsStore(dataDir!);
  const alerts = new AlertStore(dataDir!, Date.now);
  await settings.open();
  await alerts.open();
  const say = (store: StoreName, version: number) => process.stdout.write(`committed ${store} ${version}\n`);
  process.stdout.write('ready\n');
  for (let iteration = 1; ; iteration++) {
    const version = round * 1e6 + iteration;
    await Promise.all([
      settings.set({ symbolLimits: { BTCUSDT: { maxQuantity: String(version) } } }).then(() => say('settings', version)),
      alerts.save(alertsOf(version)).then(() => say('alerts', version)),
      saveShellState(dataDir!, { askBeforeClosingWithOpenOrders: true, window: { bounds: { x: round, y: iteration, width: 1600, height: 960 }, maximized: false, fullScreen: false, zoomFactor: 1 } }).then(() => say('layout', version)),
    ]);
  }
}

if (process.argv[1]?.endsWith('store-writer-child.ts')) void main();
