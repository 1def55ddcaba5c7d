import { join } from 'node:path';
import { z } from 'zod';
import { Account, ExchangeId, type StartupProblem } from '../../shared';
import { loadJsonFile, writeJsonAtomic, type WriteOptions } from '../storage/json-file';

/** Bump when the file's shape changes, and migrate older versions in `open()`. */
export const REGISTRY_SCHEMA_VERSION = 1;
export const REGISTRY_FILE = 'accounts.json';

/**
 * accounts.json: metadata only. Secrets live in the keychain under the account id; of the key
 * the file holds only its last 4 characters (SECURITY.md, "Keys").
 */
const RegistryFile = z
  .object({
    schemaVersion: z
      .number()
      .int()
      .refine((v) => v === REGISTRY_SCHEMA_VERSION, {
        message: `written by another version of the terminal; this one reads schema ${REGISTRY_SCHEMA_VERSION}`,
      }),
    accounts: z.array(Account),
    /** Exchanges a demo account was created for once; a demo the user removed is not created again. */
    demoSeeded: z.array(ExchangeId).default([]),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    for (const account of file.accounts) {
      if (seen.has(account.id)) ctx.addIssue({ code: 'custom', message: `account id ${account.id} appears twice`, path: ['accounts'] });
      seen.add(account.id);
    }
  });
type RegistryFile = z.output<typeof RegistryFile>;

export interface RegistryOptions {
  now?: () => number;
  /** For crash and failure tests: see writeJsonAtomic. */
  write?: WriteOptions;
}

/**
 * The persisted list of accounts. Every change is written atomically before it is applied in
 * memory, so memory never claims what the disk does not hold; changes are applied one at a time.
 */
export class AccountRegistry {
  private state: RegistryFile = { schemaVersion: REGISTRY_SCHEMA_VERSION, accounts: [], demoSeeded: [] };
  private queue: Promise<unknown> = Promise.resolve();
  readonly file: string;

  constructor(
    dataDir: string,
    private readonly options: RegistryOptions = {},
  ) {
    this.file = join(dataDir, REGISTRY_FILE);
  }

  /** Loads the file; a corrupt one is set aside (never overwritten) and reported. */
  async open(): Promise<StartupProblem | undefined> {
    const outcome = await loadJsonFile(this.file, RegistryFile, { now: this.options.now });
    if (outcome.kind === 'ok') this.state = outcome.value;
    if (outcome.kind !== 'set-aside') return undefined;
    return {
      kind: 'registry-set-aside',
      message: `The account list could not be read: ${outcome.reason}. It was kept as ${outcome.movedTo} and the terminal started without those accounts; their keys are still in the keychain.`,
      file: outcome.movedTo,
      time: (this.options.now ?? Date.now)(),
    };
  }

  list(): Account[] {
    return this.state.accounts.map(copy);
  }

  get(id: string): Account | undefined {
    const found = this.state.accounts.find((a) => a.id === id);
    return found ? copy(found) : undefined;
  }

  demoSeeded(): ExchangeId[] {
    return [...this.state.demoSeeded];
  }

  /** Adds an account (and, for a demo one, remembers its exchange as seeded). */
  add(account: Account): Promise<void> {
    return this.change((state) => {
      if (state.accounts.some((a) => a.id === account.id)) throw new Error(`account id ${account.id} already exists`);
      const demoSeeded = account.mode === 'demo' && !state.demoSeeded.includes(account.exchange) ? [...state.demoSeeded, account.exchange] : state.demoSeeded;
      return { ...state, accounts: [...state.accounts, copy(account)], demoSeeded };
    });
  }

  /** Changes the label, endpoints or key hint; answers the updated account, or undefined when there is none. */
  async update(id: string, patch: Partial<Pick<Account, 'label' | 'endpoints' | 'keyLast4'>>): Promise<Account | undefined> {
    let updated: Account | undefined;
    await this.change((state) => ({
      ...state,
      accounts: state.accounts.map((a) => (a.id === id ? (updated = copy({ ...a, ...patch })) : a)),
    }));
    return updated;
  }

  /** Removes an account; false when there was none. */
  async remove(id: string): Promise<boolean> {
    let removed = false;
    await this.change((state) => {
      removed = state.accounts.some((a) => a.id === id);
      return { ...state, accounts: state.accounts.filter((a) => a.id !== id) };
    });
    return removed;
  }

  /** Resolves when every change asked for so far is on disk (or failed). */
  async flush(): Promise<void> {
    await this.queue.catch(() => {});
  }

  private change(apply: (state: RegistryFile) => RegistryFile): Promise<void> {
    const run = this.queue.catch(() => {}).then(async () => {
      const next = apply(this.state);
      await writeJsonAtomic(this.file, next, this.options.write);
      this.state = next;
    });
    this.queue = run;
    return run;
  }
}

function copy(account: Account): Account {
  return { ...account, endpoints: { ...account.endpoints } };
}
