import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { simulatedExchanges, type SimFaultRequest } from '../../shared';
import type { DemoAccountConfig, RunningDemo, SimulatorLauncher } from '../accounts/demo';
import { PARENT_PID_ARG, type FromHost, type ToHost } from '../sim/host/protocol';

/**
 * Demo mode's exchanges (src/main/sim) run in a process of their own (issue 19 #4): their
 * synthetic traders, matching engines and sockets cost the main process no memory and no event
 * loop time, and a simulator that crashes takes only the demo exchanges down (their streams go
 * STALE and the connectors keep retrying), never the app. Electron starts the host as a
 * utility process (the shell passes `utilityProcess` in); plain Node (browser host, tests)
 * forks it. Main loads none of the simulator code: only the channel's message types.
 */

/** The main process's end of one simulator process. */
export interface SimChild {
  readonly pid: number | undefined;
  send(message: ToHost): void;
  onMessage(listener: (message: FromHost) => void): void;
  /** Once, when the process is gone (code null: killed by a signal). */
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

/** Starts one simulator host process that must not outlive `parentPid`. */
export type SpawnSimHost = (parentPid: number) => SimChild;

/** A running demo whose simulators live in another process. */
export interface HostedSimulators extends RunningDemo {
  fault(request: SimFaultRequest): Promise<string[]>;
  readonly pid: number | undefined;
  /** Settles when the simulator process is gone, for whatever reason. */
  readonly exited: Promise<number | null>;
}

export interface ProcessSimulatorOptions {
  /** How long the simulators may take to listen before start gives up (default 30 s). */
  startTimeoutMs?: number;
  /** How long `stop` waits for a clean exit before it kills (default 5 s). */
  stopTimeoutMs?: number;
  /** Seed of the synthetic markets (default: the simulators' own). */
  seed?: number;
  /** Told when the process ends without being asked to (a crash). */
  onCrash?: (code: number | null) => void;
}

/** A SimulatorLauncher whose runs say their process (pid, exit). */
export interface HostedLauncher extends SimulatorLauncher {
  start(accounts: DemoAccountConfig[]): Promise<HostedSimulators>;
}

/** Demo mode's launcher: every start spawns a simulator process and talks to it over its channel. */
export function processSimulators(spawn: SpawnSimHost, options: ProcessSimulatorOptions = {}): HostedLauncher {
  return {
    exchanges: simulatedExchanges(),
    start: (accounts) => startHosted(spawn, accounts.map(({ exchange, apiKey, apiSecret }) => ({ exchange, apiKey, apiSecret })), options),
  };
}

function startHosted(spawn: SpawnSimHost, accounts: Array<Extract<ToHost, { type: 'start' }>['accounts'][number]>, options: ProcessSimulatorOptions): Promise<HostedSimulators> {
  const child = spawn(process.pid);
  let exitCode: number | null | undefined;
  let stopping = false;
  const pending = new Map<number, { resolve: (applied: string[]) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let markExited: (code: number | null) => void = () => {};
  const exited = new Promise<number | null>((done) => (markExited = done));
  const gone = (code: number | null) => new Error(`the simulated exchanges stopped (${code === null ? 'killed' : `exit code ${code}`}); restart the app to bring them back`);

  return new Promise<HostedSimulators>((resolveStart, rejectStart) => {
    let started = false;
    const timer = setTimeout(() => {
      rejectStart(new Error(`the simulated exchanges did not start within ${Math.round((options.startTimeoutMs ?? 30_000) / 1000)} s`));
      child.kill();
    }, options.startTimeoutMs ?? 30_000);
    timer.unref?.();

    child.onExit((code) => {
      exitCode = code;
      clearTimeout(timer);
      for (const request of pending.values()) request.reject(gone(code));
      pending.clear();
      markExited(code);
      if (!started) rejectStart(new Error(`the simulated exchanges could not start: their process ended (${code === null ? 'killed' : `exit code ${code}`})`));
      else if (!stopping) options.onCrash?.(code);
    });

    child.onMessage((message) => {
      switch (message.type) {
        case 'ready': {
          started = true;
          clearTimeout(timer);
          resolveStart(hosted(message.endpoints));
          return;
        }
        case 'failed':
          clearTimeout(timer);
          rejectStart(new Error(`the simulated exchanges could not start: ${message.message}`));
          child.kill();
          return;
        case 'fault-result': {
          const request = pending.get(message.id);
          pending.delete(message.id);
          if (message.error !== undefined) request?.reject(new Error(message.error));
          else request?.resolve(message.applied ?? []);
          return;
        }
      }
    });

    child.send({ type: 'start', accounts, seed: options.seed });
  });

  function hosted(endpoints: RunningDemo['endpoints']): HostedSimulators {
    return {
      endpoints,
      pid: child.pid,
      exited,
      fault: (request) => {
        if (exitCode !== undefined) return Promise.reject(gone(exitCode));
        const id = nextId++;
        return new Promise<string[]>((resolve, reject) => {
          pending.set(id, { resolve, reject });
          child.send({ type: 'fault', id, request });
        });
      },
      stop: async () => {
        if (exitCode !== undefined) return;
        stopping = true;
        child.send({ type: 'stop' });
        const timer = setTimeout(() => child.kill(), options.stopTimeoutMs ?? 5000);
        await exited;
        clearTimeout(timer);
      },
    };
  }
}

/**
 * Where the simulator host is: next to the built main bundle (out/main/sim-host.js), else its
 * source (run with tsx: the browser host, tests).
 */
export function simHostPath(mainDir: string = __dirname): string {
  const built = join(mainDir, 'sim-host.js');
  return existsSync(built) ? built : resolve(mainDir, '../sim/host/main.ts');
}

/** Forks the simulator host as a Node child process (the browser host, tests). */
export function forkSimHost(hostPath: string = simHostPath()): SpawnSimHost {
  return (parentPid) => {
    const child = fork(hostPath, [`${PARENT_PID_ARG}${parentPid}`], {
      // Never the parent's flags (a test runner's or inspector's); tsx only to run the source.
      execArgv: hostPath.endsWith('.ts') ? ['--import', 'tsx'] : [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    // A send after the child died reports here; the exit handler has already said what happened.
    child.on('error', () => undefined);
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => {
        if (child.connected) child.send(message);
      },
      onMessage: (listener) => child.on('message', (message) => listener(message as FromHost)),
      onExit: (listener) => child.once('exit', (code) => listener(code)),
      kill: () => void child.kill('SIGKILL'),
    };
  };
}

/** The part of Electron's `utilityProcess` the simulators use (the shell passes the real one). */
export interface UtilityProcessApi {
  fork(modulePath: string, args?: string[], options?: { serviceName?: string; stdio?: 'inherit' }): UtilityChild;
}

interface UtilityChild {
  readonly pid: number | undefined;
  postMessage(message: unknown): void;
  on(event: 'spawn', listener: () => void): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

/** Starts the simulator host as an Electron utility process (its own OS process, killed with the app). */
export function utilitySimHost(utilityProcess: UtilityProcessApi, hostPath: string): SpawnSimHost {
  return (parentPid) => {
    const child = utilityProcess.fork(hostPath, [`${PARENT_PID_ARG}${parentPid}`], { serviceName: 'Demo exchanges', stdio: 'inherit' });
    // Messages wait for the process to exist; Electron does not promise to queue them before.
    let queue: ToHost[] | undefined = [];
    let alive = true;
    child.on('spawn', () => {
      for (const message of queue ?? []) child.postMessage(message);
      queue = undefined;
    });
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => {
        if (!alive) return;
        if (queue) queue.push(message);
        else child.postMessage(message);
      },
      onMessage: (listener) => void child.on('message', (message) => listener(message as FromHost)),
      onExit: (listener) =>
        void child.on('exit', (code) => {
          alive = false;
          listener(code);
        }),
      kill: () => void child.kill(),
    };
  };
}

/** Demo mode's simulators in plain Node: a forked child process. The Electron shell passes its own. */
export const defaultSimulators = processSimulators(forkSimHost());
