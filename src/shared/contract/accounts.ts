import { z } from 'zod';
import { Account, Balance, Endpoints, ExchangeId } from '../model';
import { AccountId } from './market';
import { invoke } from './define';
import { ReadGap } from './orders';

/** The longest account name; the add and rename forms limit their inputs to it too. */
export const ACCOUNT_LABEL_MAX = 40;

/** An account's name: one rule for add and rename (issue 11, point 15), worded for the form. */
export const AccountLabel = z
  .string()
  .trim()
  .min(1, 'give the account a name')
  .max(ACCOUNT_LABEL_MAX, `a name has at most ${ACCOUNT_LABEL_MAX} characters`);
const Label = AccountLabel;

export const AddAccountRequest = z.object({
  exchange: ExchangeId,
  label: Label,
  apiKey: z.string().trim().min(4, 'paste the whole API key').max(256),
  /** Travels renderer → main once, goes straight to the keychain, never comes back. */
  apiSecret: z.string().trim().min(4, 'paste the whole API secret').max(512),
  endpoints: Endpoints.optional(),
});

export const RenameAccountRequest = z.object({ accountId: AccountId, label: Label });

export const BalanceTotals = z.object({ asset: z.string(), free: z.string(), locked: z.string(), total: z.string() });

/** Something found while loading accounts, keys or settings that the user should know about. */
export const StartupProblem = z.object({
  kind: z.enum([
    /** accounts.json could not be read; it was kept aside (`file`) and the terminal started with no accounts. */
    'registry-set-aside',
    /** settings.json could not be read; it was kept aside (`file`) and the defaults apply. */
    'settings-set-aside',
    /** alerts.json could not be read; it was kept aside (`file`) and no price alerts are set. */
    'alerts-set-aside',
    /** The keychain holds a key for an account the registry does not list (never deleted automatically). */
    'orphan-key',
    /** The keychain could not be used at start (demo keys could not be created or read). */
    'keychain-unavailable',
    /** The demo simulators could not be started, or have no simulator for an exchange. */
    'demo-unavailable',
    /** The data folder (or a file in it) could not be read at all; the terminal started without it. */
    'data-folder-unusable',
  ]),
  message: z.string(),
  file: z.string().optional(),
  accountId: z.string().optional(),
  time: z.number(),
});
export type StartupProblem = z.infer<typeof StartupProblem>;

export const accountsInvoke = {
  'accounts:list': invoke(z.undefined(), z.array(Account)),
  /** Checks the key with a signed call first; on failure nothing is stored. */
  'accounts:add': invoke(AddAccountRequest, Account),
  'accounts:test': invoke(z.object({ accountId: AccountId }), z.object({ latencyMs: z.number() })),
  'accounts:rename': invoke(RenameAccountRequest, Account),
  'accounts:remove': invoke(z.object({ accountId: AccountId }), z.object({ removed: z.boolean() })),
  /**
   * Per account (or one account), plus totals across the accounts read. Over all accounts it
   * never fails whole (issue 13 #5): an account that could not be read is a gap, not an error.
   */
  'balances:list': invoke(
    z.object({ accountId: AccountId.optional() }),
    z.object({ balances: z.array(Balance), totals: z.array(BalanceTotals), gaps: z.array(ReadGap) }),
  ),
  /** Problems found at start (a registry or settings file kept aside, keys without an account, demo setup). */
  'accounts:problems': invoke(z.undefined(), z.array(StartupProblem)),
} as const;

export const accountsEvents = {
  'accounts:changed': z.array(Account),
  'balances:update': z.object({ accountId: AccountId, balances: z.array(Balance) }),
} as const;
