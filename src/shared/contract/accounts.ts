import { z } from 'zod';
import { Account, Balance, Endpoints, ExchangeId } from '../model';
import { AccountId } from './market';
import { invoke } from './define';

const Label = z.string().trim().min(1, 'give the account a name').max(40, 'at most 40 characters');

export const AddAccountRequest = z.object({
  exchange: ExchangeId,
  label: Label,
  apiKey: z.string().trim().min(4, 'paste the whole API key').max(256),
  /** Travels renderer → main once, goes straight to the keychain, never comes back. */
  apiSecret: z.string().trim().min(4, 'paste the whole API secret').max(512),
  endpoints: Endpoints.optional(),
});

export const BalanceTotals = z.object({ asset: z.string(), free: z.string(), locked: z.string(), total: z.string() });

export const accountsInvoke = {
  'accounts:list': invoke(z.undefined(), z.array(Account)),
  /** Checks the key with a signed call first; on failure nothing is stored. */
  'accounts:add': invoke(AddAccountRequest, Account),
  'accounts:test': invoke(z.object({ accountId: AccountId }), z.object({ latencyMs: z.number() })),
  'accounts:rename': invoke(z.object({ accountId: AccountId, label: Label }), Account),
  'accounts:remove': invoke(z.object({ accountId: AccountId }), z.object({ removed: z.boolean() })),
  /** Per account (or one account), plus totals across them. */
  'balances:list': invoke(
    z.object({ accountId: AccountId.optional() }),
    z.object({ balances: z.array(Balance), totals: z.array(BalanceTotals) }),
  ),
} as const;

export const accountsEvents = {
  'accounts:changed': z.array(Account),
  'balances:update': z.object({ accountId: AccountId, balances: z.array(Balance) }),
} as const;
