import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'build/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
          // Integration suites share loopback ports and the one keychain: keep them in sequence.
          fileParallelism: false,
        },
      },
      {
        test: {
          // Issue 20 #6: fault scenarios against the simulators (`npm run chaos`; CHAOS_LONG=1 for the long run).
          name: 'chaos',
          include: ['tests/chaos/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 30_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
