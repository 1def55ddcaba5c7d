import { err, ok, type Account, type Result } from '../../shared';

export interface Leg<T> {
  accountId: string;
  result: Result<T>;
}

/** Runs one call per account in parallel; a call that throws becomes an INTERNAL leg, never a lost one. */
export async function fanOut<T>(accountIds: readonly string[], run: (accountId: string) => Promise<Result<T>>): Promise<Leg<T>[]> {
  return Promise.all(
    accountIds.map(async (accountId) => {
      try {
        return { accountId, result: await run(accountId) };
      } catch (cause) {
        return { accountId, result: err('INTERNAL', cause instanceof Error ? cause.message : String(cause)) };
      }
    }),
  );
}

/**
 * Joins the legs of a read across accounts. A read that silently left out one account would
 * show a trader an incomplete picture (no open orders where there are some), so any failed leg
 * fails the whole read, naming each account and why.
 */
export function joinLegs<T>(what: string, legs: readonly Leg<T[]>[], account: (id: string) => Account | undefined): Result<T[]> {
  const failed = legs.filter((leg): leg is { accountId: string; result: Extract<Result<T[]>, { ok: false }> } => !leg.result.ok);
  const first = failed[0];
  if (first) {
    const reasons = failed.map((leg) => `${describeAccount(leg.accountId, account)}: ${leg.result.error.message}`).join('; ');
    const others = legs.length > failed.length ? ' The other accounts answered; ask for one account to see its data.' : '';
    return err(first.result.error.code, `Could not load ${what} for ${reasons}.${others}`);
  }
  return ok(legs.flatMap((leg) => (leg.result.ok ? leg.result.value : [])));
}

/** `"Icrypex demo" (icrypex-1a2b3c)` for messages. */
export function describeAccount(id: string, account: (id: string) => Account | undefined): string {
  const found = account(id);
  return found ? `"${found.label}" (${id})` : id;
}
