import { type Decimal, ZERO } from '../shared/decimal';
import { type SimBalance } from './types';

interface Holding {
  free: Decimal;
  locked: Decimal;
}

/** A bug in the engine's bookkeeping: never an expected error. */
export class LedgerError extends Error {}

/**
 * Balances of every account: free and locked per asset. Every operation keeps the account's
 * total unchanged except `credit`/`debit`, so conservation can be checked from the outside.
 */
export class Ledger {
  private readonly accounts = new Map<string, Map<string, Holding>>();

  has(accountId: string): boolean {
    return this.accounts.has(accountId);
  }

  /** Creates the account if needed (no-op when it exists). */
  open(accountId: string): void {
    if (!this.accounts.has(accountId)) this.accounts.set(accountId, new Map());
  }

  /** Free amount of an asset (ZERO when never held). */
  free(accountId: string, asset: string): Decimal {
    return this.holding(accountId, asset).free;
  }

  /** Locked amount of an asset. */
  locked(accountId: string, asset: string): Decimal {
    return this.holding(accountId, asset).locked;
  }

  /** Adds to free (deposits, trade proceeds, fees collected). */
  credit(accountId: string, asset: string, amount: Decimal): void {
    const holding = this.holding(accountId, asset);
    holding.free = holding.free.plus(amount);
  }

  /** Takes from free; throws LedgerError when short (callers check first). */
  debit(accountId: string, asset: string, amount: Decimal): void {
    const holding = this.holding(accountId, asset);
    if (holding.free.lt(amount)) throw new LedgerError(`debit ${amount.toString()} ${asset} from ${accountId}: only ${holding.free.toString()} free`);
    holding.free = holding.free.minus(amount);
  }

  /** Moves free to locked; throws when short. */
  lock(accountId: string, asset: string, amount: Decimal): void {
    const holding = this.holding(accountId, asset);
    if (holding.free.lt(amount)) throw new LedgerError(`lock ${amount.toString()} ${asset} for ${accountId}: only ${holding.free.toString()} free`);
    holding.free = holding.free.minus(amount);
    holding.locked = holding.locked.plus(amount);
  }

  /** Moves locked back to free; throws when less is locked. */
  unlock(accountId: string, asset: string, amount: Decimal): void {
    if (amount.eq(0)) return;
    const holding = this.holding(accountId, asset);
    if (holding.locked.lt(amount)) throw new LedgerError(`unlock ${amount.toString()} ${asset} for ${accountId}: only ${holding.locked.toString()} locked`);
    holding.locked = holding.locked.minus(amount);
    holding.free = holding.free.plus(amount);
  }

  /** Removes from locked (the locked funds leave the account in a trade). */
  spendLocked(accountId: string, asset: string, amount: Decimal): void {
    const holding = this.holding(accountId, asset);
    if (holding.locked.lt(amount)) throw new LedgerError(`spend ${amount.toString()} ${asset} for ${accountId}: only ${holding.locked.toString()} locked`);
    holding.locked = holding.locked.minus(amount);
  }

  /** Every asset the account has ever held, sorted by name. */
  balances(accountId: string): SimBalance[] {
    const account = this.accounts.get(accountId);
    if (!account) return [];
    return [...account.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([asset, holding]) => ({ asset, free: holding.free.toString(), locked: holding.locked.toString() }));
  }

  /** Sum of free + locked per asset over every account (for conservation checks). */
  totals(): Map<string, Decimal> {
    const out = new Map<string, Decimal>();
    for (const account of this.accounts.values()) {
      for (const [asset, holding] of account) out.set(asset, (out.get(asset) ?? ZERO).plus(holding.free).plus(holding.locked));
    }
    return out;
  }

  /** Sum of locked per asset per account. */
  lockedByAccount(): Map<string, Map<string, Decimal>> {
    const out = new Map<string, Map<string, Decimal>>();
    for (const [accountId, account] of this.accounts) {
      const locked = new Map<string, Decimal>();
      for (const [asset, holding] of account) if (!holding.locked.eq(0)) locked.set(asset, holding.locked);
      out.set(accountId, locked);
    }
    return out;
  }

  private holding(accountId: string, asset: string): Holding {
    const account = this.accounts.get(accountId);
    if (!account) throw new LedgerError(`unknown account ${accountId}`);
    let holding = account.get(asset);
    if (!holding) {
      holding = { free: ZERO, locked: ZERO };
      account.set(asset, holding);
    }
    return holding;
  }
}
