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

/** Largest CSV one export may write: a year of busy trading is a few MB. */
export const MAX_EXPORT_CHARS = 16 * 1024 * 1024;

/**
 * A CSV the renderer built from a table (filters applied) and asks main to save (issue 15,
 * must-have 7). Main shows the native save dialog with `fileName` suggested and writes exactly
 * `csv` where the trader chose; the renderer never names a folder.
 */
export const SaveExportRequest = z.strictObject(
  {
    fileName: z
      .string({ error: 'the file name must be text' })
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.csv$/, 'the file name must be letters, digits, ".", "-" or "_", at most 100 characters, ending in .csv'),
    csv: z.string({ error: 'the export must be text' }).max(MAX_EXPORT_CHARS, `the export is larger than ${MAX_EXPORT_CHARS / 1024 / 1024} MB; narrow the filters`),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? 'an export has only fileName and csv' : undefined) },
);

export const SaveExportResult = z.object({
  /** False when the trader cancelled the dialog. */
  saved: z.boolean(),
  /** The name of the file written (not its folder). */
  fileName: z.string().optional(),
});
export type SaveExportResult = z.infer<typeof SaveExportResult>;

export const appInvoke = {
  /** Version, platform and mode (demo/live) of the running engine. */
  'app:info': invoke(z.undefined(), AppInfo),
  /** Echo with main-side timestamps, to measure IPC round trips. */
  'app:ping': invoke(PingRequest, Pong),
  /** Saves a CSV through the native save dialog; the desktop app only (the browser host downloads instead: UNSUPPORTED). */
  'app:save-export': invoke(SaveExportRequest, SaveExportResult),
} as const;

export const appEvents = {
  /** Once a second from main; the status bar uses it to show that main is alive. */
  'app:heartbeat': Heartbeat,
} as const;
