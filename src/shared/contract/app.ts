import { z } from 'zod';
import { Mode } from '../model';
import { invoke } from './define';

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  mode: Mode,
  /** Where the engine runs: inside Electron, or in the Node browser host (tests, dev). */
  host: z.enum(['electron', 'browser-host', 'node']),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const PingRequest = z.object({
  /** Renderer clock when the ping left, for round-trip measurement. */
  sentAt: z.number().finite(),
  /** Echoed back unchanged. */
  echo: z.string().max(1024).optional(),
});

export const Pong = z.object({
  sentAt: z.number(),
  echo: z.string().optional(),
  /** Main-side timestamps (ms): when the request arrived and when the answer left. */
  receivedAt: z.number(),
  repliedAt: z.number(),
});
export type Pong = z.infer<typeof Pong>;

export const Heartbeat = z.object({
  seq: z.number().int(),
  time: z.number(),
});
export type Heartbeat = z.infer<typeof Heartbeat>;

export const appInvoke = {
  /** Version, platform and mode (demo/live) of the running engine. */
  'app:info': invoke(z.undefined(), AppInfo),
  /** Echo with main-side timestamps, to measure IPC round trips. */
  'app:ping': invoke(PingRequest, Pong),
} as const;

export const appEvents = {
  /** Once a second from main; the status bar uses it to show that main is alive. */
  'app:heartbeat': Heartbeat,
} as const;
