import { z } from 'zod';
import { AccountId, Decimal } from '../model';

/**
 * Account groups (issue 13 #2): a name for several accounts that trade together, each with a
 * default share of a basket. `weights`: a basket's size is split in proportion to the weights;
 * `sizes`: each account's default quantity (used as is when the basket gives no size, as
 * weights when it does). Saved in settings.json; used by the ticket and the palette
 * (`buy 0.03 btcusdt @ 87000 on group main-desk`, docs/ui.md "Basket orders").
 */

export const MAX_GROUPS = 50;
export const MAX_GROUP_MEMBERS = 20;

const Positive = Decimal.refine((value) => !value.startsWith('-') && /[1-9]/.test(value), 'must be greater than 0');

/** Letters, digits, space, dot, dash, underscore: a group name is typed after `on group` in the palette, so no `,` or `=`. */
export const GroupName = z
  .string({ error: 'the group name must be text' })
  .trim()
  .min(1, 'the group name is empty')
  .max(40, 'the group name is at most 40 characters')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u, 'the group name may hold letters, digits, spaces, dots, dashes and underscores, starting with a letter or digit');

const WeightMember = z.strictObject({ accountId: AccountId, weight: Positive }, { error: 'a member of a weighted group is an account and its weight' });
const SizeMember = z.strictObject({ accountId: AccountId, quantity: Positive }, { error: 'a member of a sized group is an account and its default quantity' });

function members<T extends z.ZodType<{ accountId: string }>>(member: T) {
  return z
    .array(member)
    .min(1, 'a group needs at least one account')
    .max(MAX_GROUP_MEMBERS, `a group has at most ${MAX_GROUP_MEMBERS} accounts`)
    .refine((list) => new Set(list.map((m) => m.accountId)).size === list.length, 'an account is in the group twice');
}

export const AccountGroup = z.discriminatedUnion(
  'split',
  [
    z.strictObject({ name: GroupName, split: z.literal('weights'), members: members(WeightMember) }),
    z.strictObject({ name: GroupName, split: z.literal('sizes'), members: members(SizeMember) }),
  ],
  { error: 'a group splits by "weights" or by default "sizes"' },
);
export type AccountGroup = z.infer<typeof AccountGroup>;

export const AccountGroups = z
  .array(AccountGroup)
  .max(MAX_GROUPS, `at most ${MAX_GROUPS} account groups`)
  .refine((groups) => new Set(groups.map((g) => g.name.toLowerCase())).size === groups.length, 'two groups have the same name');

/** One member's default share, whichever way its group splits. */
export function memberAmount(member: AccountGroup['members'][number]): string {
  return 'weight' in member ? member.weight : member.quantity;
}

/**
 * A zod issue path under `accountGroups` in the user's words, e.g.
 * `account group "main-desk", account 2: weight`, so a refused save names the field.
 */
export function groupFieldName(path: readonly PropertyKey[], groups: unknown): string {
  const [, groupIndex, part, memberIndex, field] = path;
  if (typeof groupIndex !== 'number') return 'account groups';
  const group = Array.isArray(groups) ? (groups[groupIndex] as { name?: unknown } | undefined) : undefined;
  const name = typeof group?.name === 'string' && group.name.trim() ? `"${group.name.trim().slice(0, 40)}"` : String(groupIndex + 1);
  const head = `account group ${name}`;
  if (part === undefined) return head;
  if (part !== 'members') return `${head}: ${String(part)}`;
  if (typeof memberIndex !== 'number') return `${head}: accounts`;
  return `${head}, account ${memberIndex + 1}${field === undefined ? '' : `: ${String(field)}`}`;
}
