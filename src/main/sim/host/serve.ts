import { simulatorBalances, simEndpoints, startSimulators, type StartedSimulators } from '../index';
import type { FromHost, ToHost } from './protocol';

/** The simulator process's end of the channel to demo mode's main process. */
export interface HostPort {
  send(message: FromHost): void;
  onMessage(listener: (message: ToHost) => void): void;
}

/**
 * Runs demo mode's simulators for the main process (docs/simulators.md "Demo mode's own
 * process"): the first `start` starts them with the demo accounts and answers their loopback
 * endpoints; `fault` applies one fault and answers what it did; `stop` stops them and exits.
 * Anything thrown while serving ends the process: the main process sees the exchanges as down.
 */
export function serveSimulators(port: HostPort, exit: (code: number) => void): void {
  let sims: StartedSimulators | undefined;
  let starting: Promise<void> | undefined;
  let stopping = false;

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await starting?.catch(() => undefined);
    await sims?.stop();
    exit(0);
  };

  port.onMessage((message) => {
    switch (message.type) {
      case 'start':
        if (starting || stopping) return;
        starting = startSimulators({
          seed: message.seed,
          // Simulator state lives in memory, so demo balances reset every start.
          accounts: message.accounts.map((a) => ({ ...a, balances: simulatorBalances(a.exchange) })),
        }).then(
          (started) => {
            sims = started;
            port.send({ type: 'ready', endpoints: simEndpoints(started) });
          },
          (error: unknown) => port.send({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
        );
        return;
      case 'fault': {
        if (!sims) return port.send({ type: 'fault-result', id: message.id, error: 'the simulated exchanges have not started yet' });
        try {
          port.send({ type: 'fault-result', id: message.id, applied: sims.fault(message.request) });
        } catch (error) {
          port.send({ type: 'fault-result', id: message.id, error: error instanceof Error ? error.message : String(error) });
        }
        return;
      }
      case 'stop':
        void stop();
        return;
    }
  });
}
