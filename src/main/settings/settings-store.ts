import { join } from 'node:path';
import { z } from 'zod';
import { canonicalSymbol, groupFieldName, ok, Settings, SettingsUpdate, type Result, type StartupProblem } from '../../shared';
import type { Handlers } from '../ipc/handle';
import { loadJsonFile, writeJsonAtomic } from '../storage/json-file';
import { err } from '../../shared';

export const SETTINGS_FILE = 'settings.json';
export const SETTINGS_SCHEMA_VERSION = 1;

export const DEFAULT_SETTINGS: Settings = { readOnly: false, priceBandPercent: 10, symbolLimits: {}, accountGroups: [] };

const SettingsFile = z.object({
  schemaVersion: z
    .number()
    .int()
    .refine((v) => v === SETTINGS_SCHEMA_VERSION, { message: `written by another version of the terminal; this one reads schema ${SETTINGS_SCHEMA_VERSION}` }),
  settings: Settings,
});

/** A settings change that does not have the settings' shape; `field` names the first bad field. */
export class SettingsRefused extends Error {
  readonly field: string | undefined;
  constructor(issues: readonly { path: PropertyKey[]; message: string }[], input?: unknown) {
    const first = issues[0];
    // A group's field is named as the trader knows it (`account group "main-desk", account 2: weight`).
    const groups = first?.path[0] === 'accountGroups' ? (input as { accountGroups?: unknown } | undefined)?.accountGroups : undefined;
    const field = first && first.path.length ? (first.path[0] === 'accountGroups' ? groupFieldName(first.path, groups) : first.path.map(String).join('.')) : undefined;
    super(first ? `${field ? `${field}: ` : ''}${first.message}` : 'the settings were refused');
    this.name = 'SettingsRefused';
    this.field = field;
  }
}

/** The trader's safety settings (read-only switch, price band, per-symbol caps) and account groups, persisted atomically in the data folder. */
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

  /**
   * Replaces the given top-level fields, saves, then tells the listeners. The patch is checked
   * again here (the IPC schema is the first check): a missing, `undefined` or mistyped field
   * never reaches the file, so `{ readOnly: undefined }` cannot turn read-only off (issue 12).
   */
  set(patch: SettingsUpdate): Promise<Settings> {
    const checked = SettingsUpdate.safeParse(patch);
    if (!checked.success) return Promise.reject(new SettingsRefused(checked.error.issues, patch));
    const run = this.queue.catch(() => {}).then(async () => {
      const merged = Settings.safeParse({ ...this.current, ...checked.data });
      if (!merged.success) throw new SettingsRefused(merged.error.issues);
      const next = normalise(merged.data);
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
    if (Object.keys(entry).length) symbolLimits[canonicalSymbol(symbol)] = entry;
  }
  return { readOnly: settings.readOnly, priceBandPercent: settings.priceBandPercent, symbolLimits, accountGroups: settings.accountGroups };
}

/** The settings:* channels. */
export function settingsHandlers(store: SettingsStore): Pick<Handlers, 'settings:get' | 'settings:set'> {
  return {
    'settings:get': () => ok(store.get()),
    'settings:set': async (patch): Promise<Result<Settings>> => {
      try {
        return ok(await store.set(patch));
      } catch (cause) {
        if (cause instanceof SettingsRefused) return err('VALIDATION', `The settings were not changed: ${cause.message}`, cause.field ? { field: cause.field } : {});
        return err('INTERNAL', `The settings could not be saved: ${cause instanceof Error ? cause.message : String(cause)}`);
      }
    },
  };
}
