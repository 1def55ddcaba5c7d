import { AccountGroup, GroupName, type AccountGroup as Group } from '../../../shared';

/**
 * The settings form for one account group (issue 13 #2) to a group, or the first problem in the
 * trader's words naming the field. Pure, so unit tested; the engine checks again on save.
 */

export interface GroupForm {
  name: string;
  split: Group['split'];
  /** Per account id: the weight or default size typed; empty leaves the account out. */
  amounts: Record<string, string>;
}

export type GroupFormResult = { ok: true; group: Group } | { ok: false; field: string; message: string };

const NUMBER = /^\d+(?:\.\d+)?$/;

export function groupFromForm(form: GroupForm, accounts: readonly { id: string; label: string }[], others: readonly Group[]): GroupFormResult {
  const name = GroupName.safeParse(form.name);
  if (!name.success) return { ok: false, field: 'name', message: `group name: ${name.error.issues[0]?.message ?? 'not a name'}` };
  if (others.some((g) => g.name.toLowerCase() === name.data.toLowerCase())) return { ok: false, field: 'name', message: `group name: a group "${name.data}" exists already` };
  const what = form.split === 'weights' ? 'weight' : 'size';
  const members: Group['members'][number][] = [];
  for (const account of accounts) {
    const typed = (form.amounts[account.id] ?? '').trim();
    if (typed === '') continue;
    if (!NUMBER.test(typed) || !/[1-9]/.test(typed)) {
      return { ok: false, field: account.id, message: `${account.label} ${what}: must be a number greater than 0 such as ${form.split === 'weights' ? '2' : '0.01'} (a dot, no commas), or empty to leave it out` };
    }
    members.push(form.split === 'weights' ? { accountId: account.id, weight: typed } : { accountId: account.id, quantity: typed });
  }
  if (members.length === 0) return { ok: false, field: 'accounts', message: `accounts: give at least one account a ${what}` };
  const group = AccountGroup.safeParse({ name: name.data, split: form.split, members });
  if (!group.success) return { ok: false, field: 'accounts', message: group.error.issues[0]?.message ?? 'the group was refused' };
  return { ok: true, group: group.data };
}

/** A saved group back into the form, to edit it. */
export function formFromGroup(group: Group): GroupForm {
  return { name: group.name, split: group.split, amounts: Object.fromEntries(group.members.map((m) => [m.accountId, 'weight' in m ? m.weight : m.quantity])) };
}
