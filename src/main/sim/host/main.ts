import { PARENT_PID_ARG, type FromHost, type ToHost } from './protocol';
import { serveSimulators, type HostPort } from './serve';

// Entry of demo mode's simulator process (built as out/main/sim-host.js; forked from source
// with tsx in the browser host and tests). Electron starts it as a utility process, whose
// channel is `process.parentPort`; Node forks it with an IPC channel (`process.send`).

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function channel(): HostPort | undefined {
  if (parentPort) {
    return { send: (message) => parentPort.postMessage(message), onMessage: (listener) => parentPort.on('message', (event) => listener(event.data as ToHost)) };
  }
  const send = process.send?.bind(process);
  if (!send) return undefined;
  return { send: (message: FromHost) => void send(message), onMessage: (listener) => process.on('message', (message) => listener(message as ToHost)) };
}

const port = channel();
if (!port) {
  console.error('The simulator host runs as a child of the terminal (npm run sim starts simulators on their own).');
  process.exit(2);
}

// Never outlive the terminal: a Node parent's end closes the IPC channel when it dies, however
// it dies; a utility process may be reparented instead, so the parent's pid is watched as well.
process.on('disconnect', () => process.exit(0));
const parentPid = Number(process.argv.find((arg) => arg.startsWith(PARENT_PID_ARG))?.slice(PARENT_PID_ARG.length));
if (Number.isInteger(parentPid) && parentPid > 0) {
  setInterval(() => {
    try {
      process.kill(parentPid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') process.exit(0);
    }
  }, 500).unref();
}

serveSimulators(port, (code) => process.exit(code));
