import { join } from 'node:path';
import { z } from 'zod';
import { MAX_ALERTS, PriceAlert, type StartupProblem } from '../../shared';
import { loadJsonFile, writeJsonAtomic } from '../storage/json-file';

export const ALERTS_FILE = 'alerts.json';
const SCHEMA_VERSION = 1;

const AlertsFile = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION, { error: `written by another version of the terminal; this one reads schema ${SCHEMA_VERSION}` }),
  nextId: z.number().int().positive(),
  alerts: z.array(PriceAlert).max(MAX_ALERTS),
});

/** The price alerts, saved atomically in the data folder (`alerts.json`); writes are queued, never interleaved. */
export class AlertStore {
  readonly file: string;
  private alerts: PriceAlert[] = [];
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    dataDir: string,
    private readonly now: () => number,
  ) {
    this.file = join(dataDir, ALERTS_FILE);
  }

  /** Loads the file; a damaged one is set aside (kept, never overwritten) and reported, and no alerts apply. */
  async open(): Promise<StartupProblem | undefined> {
    const outcome = await loadJsonFile(this.file, AlertsFile, { now: this.now });
    if (outcome.kind === 'ok') {
      this.alerts = outcome.value.alerts;
      this.nextId = outcome.value.nextId;
    }
    if (outcome.kind !== 'set-aside') return undefined;
    return {
      kind: 'alerts-set-aside',
      message: `The price alerts could not be read: ${outcome.reason}. They were kept as ${outcome.movedTo}; no alerts are set.`,
      file: outcome.movedTo,
      time: this.now(),
    };
  }

  list(): PriceAlert[] {
    return this.alerts.map((a) => ({ ...a }));
  }

  get(id: string): PriceAlert | undefined {
    return this.alerts.find((a) => a.id === id);
  }

  newId(): string {
    return `alert-${this.nextId++}`;
  }

  /** Replaces the whole list and saves it. */
  save(alerts: PriceAlert[]): Promise<void> {
    this.alerts = alerts;
    const snapshot = { schemaVersion: SCHEMA_VERSION, nextId: this.nextId, alerts };
    const run = this.queue.catch(() => {}).then(() => writeJsonAtomic(this.file, snapshot));
    this.queue = run;
    return run;
  }

  async flush(): Promise<void> {
    await this.queue.catch(() => {});
  }
}
