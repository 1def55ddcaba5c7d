import { bombBenchmark } from './bomb';
import { cryptocomWsBenchmark } from './cryptocom-ws';
import { hostileNumbersBenchmark } from './hostile-numbers';
import { icrypexWsBenchmark } from './icrypex-ws';
import { ipcBenchmark } from './ipc';
import { keychainBenchmark } from './keychain';
import { orderbookBenchmark } from './orderbook';
import { simBenchmark } from './sim';
import { uiBenchmark } from './ui';

/** Every benchmark by name; add yours here. */
export const benchmarks: Record<string, () => Promise<void>> = {
  ipc: ipcBenchmark,
  orderbook: orderbookBenchmark,
  'cryptocom-ws': cryptocomWsBenchmark,
  'icrypex-ws': icrypexWsBenchmark,
  keychain: keychainBenchmark,
  sim: simBenchmark,
  ui: uiBenchmark,
  'hostile-numbers': hostileNumbersBenchmark,
  bomb: bombBenchmark,
};
