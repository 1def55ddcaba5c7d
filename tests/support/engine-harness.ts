import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, type EngineOptions } from '../../src/main/engine';
import { createHandle } from '../../src/main/ipc/handle';
import type { EventChannel, InvokeChannel, RequestOf, ResponseOf, Result } from '../../src/shared';

export { waitFor } from './wait';

export interface Harness {
  engine: Engine;
  dataDir: string;
  /** Every event pushed, in order. */
  events: Array<{ channel: EventChannel; payload: unknown }>;
  /** Every engine and IPC log line. */
  logs: string[];
  /** Every IPC answer, in order. */
  responses: unknown[];
  /** Invokes a channel through the real handle() (sender check, schema parse, reply check). */
  call<C extends InvokeChannel>(channel: C, payload: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  /** Calls a channel and fails the test with the error message unless it answered ok. */
  value<C extends InvokeChannel>(channel: C, payload: RequestOf<C>): Promise<ResponseOf<C>>;
  close(): Promise<void>;
}

/** An engine with its own temp data folder, driven through handle() the way the renderer drives it. */
export async function startHarness(options: Partial<EngineOptions> = {}): Promise<Harness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'terminal-engine-'));
  const logs: string[] = [];
  const log = (line: string) => logs.push(line);
  const engine = new Engine({ name: 'Test', version: '0.0.0', platform: 'linux', host: 'node', heartbeatMs: 0, demo: false, log, ...options, dataDir });
  const events: Harness['events'] = [];
  const responses: unknown[] = [];
  engine.subscribe((channel, payload) => events.push({ channel, payload }));
  const handle = createHandle({ handlers: engine.handlers, isTrustedSender: () => true, checkResponses: true, log });
  await engine.start();
  const call = async <C extends InvokeChannel>(channel: C, payload: RequestOf<C>) => {
    const result = (await handle(channel, { id: 1, frameUrl: 'test://', isTopFrame: true }, payload)) as Result<ResponseOf<C>>;
    responses.push(result);
    return result;
  };
  return {
    engine,
    dataDir,
    events,
    logs,
    responses,
    call,
    async value(channel, payload) {
      const result = await call(channel, payload);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
    async close() {
      await engine.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

