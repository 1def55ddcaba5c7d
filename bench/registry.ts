import { cryptocomWsBenchmark } from './cryptocom-ws';
import { ipcBenchmark } from './ipc';

/** Every benchmark by name; add yours here. */
export const benchmarks: Record<string, () => Promise<void>> = {
  ipc: ipcBenchmark,
  'cryptocom-ws': cryptocomWsBenchmark,
};
