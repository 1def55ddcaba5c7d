import { describe, expect, it } from 'vitest';
import { formFromGroup, groupFromForm } from './group-form';

const accounts = [{ id: 'a', label: 'Icrypex demo' }, { id: 'b', label: 'Crypto.com demo' }];

describe('the account group form (issue 13 #2)', () => {
  it('makes a group of the accounts given an amount, in the form’s order of accounts', () => {
    const result = groupFromForm({ name: ' main-desk ', split: 'weights', amounts: { b: '1', a: '2' } }, accounts, []);
    expect(result).toEqual({ ok: true, group: { name: 'main-desk', split: 'weights', members: [{ accountId: 'a', weight: '2' }, { accountId: 'b', weight: '1' }] } });
    if (!result.ok) throw new Error('expected a group');
    expect(formFromGroup(result.group)).toEqual({ name: 'main-desk', split: 'weights', amounts: { a: '2', b: '1' } });
  });

  it('names the field in the trader’s words', () => {
    expect(groupFromForm({ name: '', split: 'weights', amounts: { a: '1' } }, accounts, [])).toEqual({ ok: false, field: 'name', message: 'group name: the group name is empty' });
    expect(groupFromForm({ name: 'a=b', split: 'weights', amounts: { a: '1' } }, accounts, [])).toMatchObject({ ok: false, field: 'name', message: expect.stringMatching(/^group name: the group name may hold letters/) });
    expect(groupFromForm({ name: 'x', split: 'sizes', amounts: { b: '0,5' } }, accounts, [])).toEqual({ ok: false, field: 'b', message: 'Crypto.com demo size: must be a number greater than 0 such as 0.01 (a dot, no commas), or empty to leave it out' });
    expect(groupFromForm({ name: 'x', split: 'weights', amounts: { a: '0' } }, accounts, [])).toMatchObject({ ok: false, field: 'a', message: expect.stringMatching(/^Icrypex demo weight: must be a number greater than 0/) });
    expect(groupFromForm({ name: 'x', split: 'weights', amounts: { a: ' ' } }, accounts, [])).toEqual({ ok: false, field: 'accounts', message: 'accounts: give at least one account a weight' });
    expect(groupFromForm({ name: 'X', split: 'weights', amounts: { a: '1' } }, accounts, [{ name: 'x', split: 'weights', members: [{ accountId: 'a', weight: '1' }] }])).toEqual({ ok: false, field: 'name', message: 'group name: a group "X" exists already' });
  });
});
