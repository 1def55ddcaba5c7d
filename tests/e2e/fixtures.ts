import { test as base, expect } from '@playwright/test';
import { startDemoTerminal, type DemoTerminal } from './support/demo-terminal';

/** One demo terminal (engine, simulators, browser host) per worker. */
export const test = base.extend<object, { terminal: DemoTerminal }>({
  terminal: [
    async ({}, use) => {
      const terminal = await startDemoTerminal();
      await use(terminal);
      await terminal.stop();
    },
    { scope: 'worker' },
  ],
});

export { expect };
