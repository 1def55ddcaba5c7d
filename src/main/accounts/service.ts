import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { err, ok, totalBalances, type Account, type AddAccountRequest, type Balance, type BalanceTotal, type EventSink, type ReadGap, type Result, type StartupProblem } from '../../shared';
import type { Credentials } from '../secrets';
import type { Handlers } from '../ipc/handle';
import { SecretUnavailableError, type SecretStore } from '../secrets';
import { describeAccount, fanOut, joinLegs } from './fan-out';
import type { AccountRegistry } from './registry';
import type { AccountRuntime } from './runtime';

export interface AccountServiceOptions {
  registry: AccountRegistry;
  runtime: AccountRuntime;
  secrets: SecretStore;
  emit: EventSink;
  now?: () => number;
  log?: (line: string) => void;
  /** New account ids; random by default. */
  newId?: (exchange: Account['exchange']) => string;
}

/** Removes every occurrence of the given secrets from a text that may have come from an exchange. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  return out;
}

/** Account management: add (key checked first), test, rename, remove (keychain entry too), balances. */
export class AccountService {
  private readonly problems: StartupProblem[] = [];
  private readonly now: () => number;
  private readonly log: (line: string) => void;

  constructor(private readonly options: AccountServiceOptions) {
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => {});
  }

  /** A fresh account id such as `icrypex-3f9a1c0b2e`. */
  newId(exchange: Account['exchange']): string {
    return (this.options.newId ?? defaultId)(exchange);
  }

  list(): Account[] {
    return this.options.registry.list();
  }

  /** Problems found at start, for accounts:problems. */
  report(problem: StartupProblem): void {
    this.problems.push(problem);
    this.log(`accounts: ${problem.kind}: ${problem.message}`);
  }

  /** Reports keychain entries of this app that no account owns (left by a registry set aside); never deletes them. */
  async findOrphanKeys(secrets: SecretStore = this.options.secrets): Promise<void> {
    const listed = await secrets.list();
    if (!listed.ok) {
      // Said once: demo setup may already have reported the same outage.
      if (!this.problems.some((p) => p.kind === 'keychain-unavailable')) this.report({ kind: 'keychain-unavailable', message: listed.error.message, time: this.now() });
      return;
    }
    for (const id of listed.value) {
      if (this.options.registry.get(id)) continue;
      this.report({
        kind: 'orphan-key',
        accountId: id,
        message: `The keychain holds a key for account ${id}, which is not in the account list. Add the account again with its key, or remove ${id} to delete the leftover key.`,
        time: this.now(),
      });
    }
  }

  startupProblems(): StartupProblem[] {
    return this.problems.map((p) => ({ ...p }));
  }

  /** Checks the key with a signed call, then stores the secret in the keychain and the metadata in the registry; on any failure nothing stays stored. */
  async add(request: z.output<typeof AddAccountRequest>): Promise<Result<Account>> {
    const { registry, runtime, secrets } = this.options;
    const credentials: Credentials = { apiKey: request.apiKey, apiSecret: request.apiSecret };
    const hide = (text: string) => redact(text, [request.apiSecret, request.apiKey]);
    if (!runtime.supports(request.exchange)) {
      return err('UNSUPPORTED', `This build has no ${request.exchange} connector.`, { field: 'exchange' });
    }
    const insecure = plainTextEndpoint(request.endpoints);
    if (insecure) return insecure;
    const duplicate = await this.findSameKey(request.exchange, request.apiKey);
    if (duplicate) {
      return err('VALIDATION', `This API key is already added as ${describeAccount(duplicate.id, (id) => registry.get(id))}.`, { field: 'apiKey' });
    }

    const account: Account = {
      id: this.newId(request.exchange),
      exchange: request.exchange,
      label: request.label,
      mode: 'live',
      keyLast4: request.apiKey.slice(-4),
      endpoints: { ...request.endpoints },
      createdAt: this.now(),
    };
    const probe = runtime.probe(account, credentials);
    if (!probe.ok) return probe;
    let checked: Result<{ latencyMs: number }>;
    try {
      checked = await probe.value.checkCredentials();
    } catch (cause) {
      checked = err('INTERNAL', cause instanceof Error ? cause.message : String(cause));
    } finally {
      await probe.value.stop().catch(() => {});
    }
    if (!checked.ok) {
      const { code, retryable } = checked.error;
      const why = code === 'AUTH_INVALID_KEY' ? 'the exchange refused the key' : 'the key could not be checked';
      return err(code, hide(`Nothing was saved: ${why}: ${checked.error.message}`), { retryable, field: code === 'AUTH_INVALID_KEY' ? 'apiKey' : undefined });
    }

    const stored = await secrets.set(account.id, credentials);
    if (!stored.ok) return err(stored.error.code, `Nothing was saved: ${stored.error.message}`, { retryable: stored.error.retryable });
    try {
      await registry.add(account);
    } catch (cause) {
      const rollback = await secrets.delete(account.id);
      const leftover = rollback.ok ? '' : ' Its keychain entry could not be removed either; remove it from your keychain by hand.';
      return err('INTERNAL', hide(`Nothing was saved: the account list could not be written (${cause instanceof Error ? cause.message : String(cause)}).${leftover}`));
    }
    this.log(`accounts: added ${account.id} (${account.exchange}, key …${account.keyLast4})`);
    this.changed();
    // Start its connection now so order and balance pushes flow; errors show on first use.
    void runtime.connector(account.id);
    return ok(account);
  }

  /** A signed call through the account's connector; answers the round trip time. */
  async test(accountId: string): Promise<Result<{ latencyMs: number }>> {
    const connector = await this.options.runtime.connector(accountId);
    if (!connector.ok) return connector;
    try {
      return await connector.value.checkCredentials();
    } catch (cause) {
      // The connector asks the keychain when it signs; a missing or unreadable key is the
      // keychain's answer, not an internal error (issue 12: it answered INTERNAL).
      if (!(cause instanceof SecretUnavailableError)) throw cause;
      const name = describeAccount(accountId, (id) => this.options.registry.get(id));
      if (cause.code === 'NOT_FOUND') {
        return err('NOT_FOUND', `The keychain has no API key for ${name}. Remove the account and add it again with its API key.`, { field: 'accountId' });
      }
      return err(cause.code, cause.message, { retryable: cause.code === 'KEYCHAIN_UNAVAILABLE' });
    }
  }

  async rename(accountId: string, label: string): Promise<Result<Account>> {
    if (!this.options.registry.get(accountId)) return err('NOT_FOUND', `There is no account ${accountId}.`, { field: 'accountId' });
    try {
      const updated = await this.options.registry.update(accountId, { label });
      if (!updated) return err('NOT_FOUND', `There is no account ${accountId}.`, { field: 'accountId' });
      this.changed();
      return ok(updated);
    } catch (cause) {
      return err('INTERNAL', `The new name could not be saved: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
  }

  /**
   * Stops the connector, deletes the keychain entry, then the registry entry. When the keychain
   * cannot delete, the account stays listed, so its key never becomes an entry nobody can see.
   * An id the registry does not list removes a leftover keychain entry, if there is one.
   */
  async remove(accountId: string): Promise<Result<{ removed: boolean }>> {
    const { registry, runtime, secrets } = this.options;
    if (!registry.get(accountId)) {
      // Not listed: this clears a key left behind without an account (accounts:problems, 'orphan-key').
      const orphan = await secrets.delete(accountId);
      return orphan.ok ? ok({ removed: orphan.value }) : orphan;
    }
    await runtime.stop(accountId);
    const deleted = await secrets.delete(accountId);
    if (!deleted.ok) {
      return err(deleted.error.code, `The account was not removed because its key could not be deleted: ${deleted.error.message}`, {
        retryable: deleted.error.retryable,
      });
    }
    try {
      await registry.remove(accountId);
    } catch (cause) {
      return err('INTERNAL', `The key was deleted but the account list could not be written (${cause instanceof Error ? cause.message : String(cause)}); remove the account again.`);
    }
    this.log(`accounts: removed ${accountId}`);
    this.changed();
    return ok({ removed: true });
  }

  /**
   * Balances of one account or of all, with totals per asset across the accounts read. Over all
   * accounts an account that does not answer is named as a gap and the others' rows stay
   * (issue 13 #5); one account asked for by id fails as that read.
   */
  async balances(accountId?: string): Promise<Result<{ balances: Balance[]; totals: BalanceTotal[]; gaps: ReadGap[] }>> {
    const { registry, runtime } = this.options;
    if (accountId !== undefined && !registry.get(accountId)) return err('NOT_FOUND', `There is no account ${accountId}.`, { field: 'accountId' });
    const ids = accountId !== undefined ? [accountId] : registry.list().map((a) => a.id);
    const legs = await fanOut(ids, async (id) => {
      const connector = await runtime.connector(id);
      if (!connector.ok) return connector;
      const balances = await connector.value.balances();
      return balances.ok ? ok(balances.value.map((b) => ({ ...b, accountId: id }))) : balances;
    });
    if (accountId !== undefined) {
      const joined = joinLegs('balances', legs, (id) => registry.get(id));
      return joined.ok ? ok({ balances: joined.value, totals: totalBalances(joined.value), gaps: [] }) : joined;
    }
    const balances = legs.flatMap((leg) => (leg.result.ok ? leg.result.value : []));
    const gaps = legs.flatMap((leg): ReadGap[] => (leg.result.ok ? [] : [{ accountId: leg.accountId, kind: 'failed', message: `could not read balances: ${leg.result.error.message}` }]));
    return ok({ balances, totals: totalBalances(balances), gaps });
  }

  private changed(): void {
    this.options.emit('accounts:changed', this.options.registry.list());
  }

  /** An account of the same exchange holding the same key (compared in the keychain, only for matching last 4). */
  private async findSameKey(exchange: Account['exchange'], apiKey: string): Promise<Account | undefined> {
    const last4 = apiKey.slice(-4);
    for (const account of this.options.registry.list()) {
      if (account.exchange !== exchange || account.keyLast4 !== last4) continue;
      const stored = await this.options.secrets.get(account.id);
      if (stored.ok && stored.value.apiKey === apiKey) return account;
    }
    return undefined;
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Signed traffic goes over TLS; plain http/ws is accepted only on this machine (a local simulator or proxy). */
function plainTextEndpoint(endpoints: Account['endpoints'] | undefined): Result<never> | undefined {
  for (const [field, url] of Object.entries(endpoints ?? {})) {
    if (!url) continue;
    const parsed = new URL(url);
    if ((parsed.protocol === 'http:' || parsed.protocol === 'ws:') && !LOOPBACK.has(parsed.hostname)) {
      return err('VALIDATION', `${url} is not encrypted: use ${parsed.protocol === 'http:' ? 'https' : 'wss'}:// (plain ${parsed.protocol.slice(0, -1)} is allowed only for 127.0.0.1 or localhost)`, {
        field: `endpoints.${field}`,
      });
    }
  }
  return undefined;
}

function defaultId(exchange: Account['exchange']): string {
  return `${exchange}-${randomBytes(5).toString('hex')}`;
}

/** The accounts:* and balances:list channels. */
export function accountsHandlers(
  service: AccountService,
): Pick<Handlers, 'accounts:list' | 'accounts:add' | 'accounts:test' | 'accounts:rename' | 'accounts:remove' | 'accounts:problems' | 'balances:list'> {
  return {
    'accounts:list': () => ok(service.list()),
    'accounts:add': (request) => service.add(request),
    'accounts:test': ({ accountId }) => service.test(accountId),
    'accounts:rename': ({ accountId, label }) => service.rename(accountId, label),
    'accounts:remove': ({ accountId }) => service.remove(accountId),
    'accounts:problems': () => ok(service.startupProblems()),
    'balances:list': ({ accountId }) => service.balances(accountId),
  };
}
