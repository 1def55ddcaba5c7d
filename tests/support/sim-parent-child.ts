import { defaultSimulators } from '../../src/main/engine/simulators';

// Child process for tests/integration/sim-process.test.ts: a stand-in for the terminal's main
// process that starts demo mode's simulator process, prints its pid, and waits to be killed.

void defaultSimulators.start([]).then((demo) => {
  console.log(`SIM_HOST_PID ${demo.pid}`);
  setInterval(() => undefined, 60_000);
});
