import { join } from 'node:path';
import { z } from 'zod';
import { ok, Settings, type Result, type StartupProblem } from '../../shared';
import type { Handlers } from '../ipc/handle';
import { loadJsonFile, writeJsonAtomic } from '../storage/json-file';
import { err } from '../../shared';

export const SETTINGS_FILE = 'settings.json';
export const SETTINGS_SCHEMA_VERSION = 1;

export const DEFAULT_SETTINGS: Settings = { readOnly: false, priceBandPercent: 10, symbolLimits: {} };

const SettingsFile = z.object({
  schemaVersion: z
    .number()
    .int()
    .refine((v) => v === SETTINGS_SCHEMA_VERSION, { message: `written by another version of the terminal; this one reads schema ${SETTINGS_SCHEMA_VERSION}` }),
  settings: Settings,
});

/** `btc/usdt`, `BTC-USDT` and `BTCUSDT` name the same pair in the limits map. */
export function symbolKey(symbol: string): string {
  return symbol.toUpperCase().replace(/[/_-]/g, '');
}

/** The trader's safety settings (read-only switch, price band, per-symbol caps), persisted atomically in the data folder. */
export class SettingsStore {
  private current: Settings = structuredClone(DEFAULT_SETTINGS);
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(settings: Settings) => void>();
  readonly file: string;

  constructor(
    dataDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.file = join(dataDir, SETTINGS_FILE);
  }

  /** Loads the file; a corrupt one is kept aside and the defaults apply. */
  async open(): Promise<StartupProblem | undefined> {
    const outcome = await loadJsonFile(this.file, SettingsFile, { now: this.now });
    if (outcome.kind === 'ok') this.current = normalise(outcome.value.settings);
    if (outcome.kind !== 'set-aside') return undefined;
    return {
      kind: 'settings-set-aside',
      message: `The settings could not be read: ${outcome.reason}. They were kept as ${outcome.movedTo}; the defaults apply (read-only off, price band ${DEFAULT_SETTINGS.priceBandPercent} %, no size caps).`,
      file: outcome.movedTo,
      time: this.now(),
    };
  }

  get(): Settings {
    return structuredClone(this.current);
  }

  /** Replaces the given top-level fields, saves, then tells the listeners. */
  set(patch: Partial<Settings>): Promise<Settings> {
    const run = this.queue.catch(() => {}).then(async () => {
      const next = normalise({ ...this.current, ...patch });
      await writeJsonAtomic(this.file, { schemaVersion: SETTINGS_SCHEMA_VERSION, settings: next });
      this.current = next;
      for (const listener of this.listeners) listener(this.get());
      return this.get();
    });
    this.queue = run;
    return run;
  }

  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async flush(): Promise<void> {
    await this.queue.catch(() => {});
  }
}

function normalise(settings: Settings): Settings {
  const symbolLimits: Settings['symbolLimits'] = {};
  for (const [symbol, limits] of Object.entries(settings.symbolLimits)) {
    const entry = Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined));
    if (Object.keys(entry).length) symbolLimits[symbolKey(symbol)] = entry;
  }
  return { readOnly: settings.readOnly, priceBandPercent: settings.priceBandPercent, symbolLimits };
}

/** The settings:* channels. */
export function settingsHandlers(store: SettingsStore): Pick<Handlers, 'settings:get' | 'settings:set'> {
  return {
    'settings:get': () => ok(store.get()),
    'settings:set': async (patch): Promise<Result<Settings>> => {
      try {
        return ok(await store.set(patch));
      } catch (cause) {
        return err('INTERNAL', `The settings could not be saved: ${cause instanceof Error ? cause.message : String(cause)}`);
      }
    },
  };
}
