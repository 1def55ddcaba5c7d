import { ok, type Mode } from '../../shared';
import type { Handlers } from '../ipc/handle';
import { EventHub, type EventSink } from './events';

export interface EngineOptions {
  name: string;
  version: string;
  platform: string;
  host: 'electron' | 'browser-host' | 'node';
  /** Folder for the account registry and settings. */
  dataDir: string;
  /** Heartbeat period in ms; 0 turns it off (unit tests). */
  heartbeatMs?: number;
  now?: () => number;
  log?: (line: string) => void;
}

/**
 * The Electron-free core: one object that implements the contract. It runs inside Electron
 * (src/main/index.ts) and in plain Node (tests, the browser host). It must never import electron.
 */
export class Engine {
  readonly handlers: Partial<Handlers>;
  private readonly events = new EventHub();
  private readonly now: () => number;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private heartbeatSeq = 0;
  private mode: Mode = 'demo';

  constructor(private readonly options: EngineOptions) {
    this.now = options.now ?? Date.now;
    this.handlers = {
      'app:info': () =>
        ok({
          name: options.name,
          version: options.version,
          platform: options.platform,
          mode: this.mode,
          host: options.host,
        }),
      'app:ping': (request) => {
        const receivedAt = this.now();
        return ok({ sentAt: request.sentAt, echo: request.echo, receivedAt, repliedAt: this.now() });
      },
    };
  }

  /** Adds a receiver of pushed events; returns its unsubscribe. */
  subscribe(sink: EventSink): () => void {
    return this.events.subscribe(sink);
  }

  async start(): Promise<void> {
    const period = this.options.heartbeatMs ?? 1000;
    if (period > 0 && !this.heartbeat) {
      this.heartbeat = setInterval(() => {
        this.events.emit('app:heartbeat', { seq: ++this.heartbeatSeq, time: this.now() });
      }, period);
      this.heartbeat.unref?.();
    }
  }

  /** Stops timers and closes every connection; safe to call twice. */
  async stop(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }
}
