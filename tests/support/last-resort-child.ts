import { installLastResortHandlers } from '../../src/main/engine/last-resort';

// Child process for tests/integration/last-resort.test.ts: fails in the background twice,
// then proves it is still running.

installLastResortHandlers({ where: 'child', log: (line) => console.error(line) });
void Promise.reject(new Error('a poll that nobody awaited'));
setTimeout(() => {
  throw new Error('a throw inside a timer');
}, 10);
setTimeout(() => {
  console.log('still running');
}, 100);
