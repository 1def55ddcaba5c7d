import { defineConfig } from '@playwright/test';

// Launches the real, built app with Playwright's _electron. Runs wherever an Electron
// binary exists; elsewhere the suite skips itself and says why in one line.
export default defineConfig({
  testDir: 'tests/electron',
  outputDir: 'test-results/electron',
  workers: 1,
  timeout: 60_000,
  reporter: [['list'], ['json', { outputFile: 'test-results/electron.json' }]],
});
