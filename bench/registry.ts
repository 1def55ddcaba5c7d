/**
 * Every benchmark by name; add yours here. Each is imported only when it runs, so one bench's
 * dependencies (a browser, the test harness) never stop another from starting.
 */
export const benchmarks: Record<string, () => Promise<void>> = {
  ipc: async () => (await import('./ipc')).ipcBenchmark(),
  orderbook: async () => (await import('./orderbook')).orderbookBenchmark(),
  'cryptocom-ws': async () => (await import('./cryptocom-ws')).cryptocomWsBenchmark(),
  'icrypex-ws': async () => (await import('./icrypex-ws')).icrypexWsBenchmark(),
  keychain: async () => (await import('./keychain')).keychainBenchmark(),
  sim: async () => (await import('./sim')).simBenchmark(),
  'sim-memory': async () => (await import('./sim-memory')).simMemoryBenchmark(),
  ui: async () => (await import('./ui')).uiBenchmark(),
  'ui-render': async () => (await import('./ui-render')).uiRenderBenchmark(),
  'hostile-numbers': async () => (await import('./hostile-numbers')).hostileNumbersBenchmark(),
  bomb: async () => (await import('./bomb')).bombBenchmark(),
  'cold-start': async () => (await import('./cold-start')).coldStartBenchmark(),
};
