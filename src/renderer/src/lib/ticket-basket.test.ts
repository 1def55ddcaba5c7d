import { describe, expect, it } from 'vitest';
import type { AccountGroup } from '../../../shared';
import { sizeTicketLegs } from './ticket-basket';

const label = (id: string) => ({ a: 'Icrypex demo', b: 'Crypto.com demo', c: 'Third' })[id] ?? id;
const decimals = () => 5;
const weights: AccountGroup = { name: 'desk', split: 'weights', members: [{ accountId: 'a', weight: '3' }, { accountId: 'b', weight: '1' }] };
const sizes: AccountGroup = { name: 'small', split: 'sizes', members: [{ accountId: 'a', quantity: '0.01' }, { accountId: 'b', quantity: '0.02' }] };
const run = (legs: { accountId: string; size: string }[], size: string, group?: AccountGroup, kind: 'quantity' | 'total' = 'quantity') =>
  sizeTicketLegs({ legs, size, kind, decimals, label, ...(group ? { group } : {}) });

describe('the ticket basket legs (issue 13 #1)', () => {
  it('a leg takes the size typed beside it, else the ticket size', () => {
    expect(run([{ accountId: 'a', size: '0.02' }, { accountId: 'b', size: '' }], '0.01')).toEqual({ ok: true, legs: [{ accountId: 'a', quantity: '0.02' }, { accountId: 'b', quantity: '0.01' }] });
    expect(run([{ accountId: 'a', size: '.5' }], '', undefined, 'total')).toEqual({ ok: true, legs: [{ accountId: 'a', total: '0.5' }] });
  });

  it('a group shares the ticket size out by weight; a leg typed by hand keeps its size', () => {
    expect(run([{ accountId: 'a', size: '' }, { accountId: 'b', size: '' }], '0.04', weights)).toEqual({ ok: true, legs: [{ accountId: 'a', quantity: '0.03' }, { accountId: 'b', quantity: '0.01' }] });
    expect(run([{ accountId: 'a', size: '' }, { accountId: 'b', size: '0.5' }], '0.04', weights)).toEqual({ ok: true, legs: [{ accountId: 'a', quantity: '0.03' }, { accountId: 'b', quantity: '0.5' }] });
  });

  it('a group of default sizes needs no ticket size; an account added outside the group takes the ticket size', () => {
    expect(run([{ accountId: 'a', size: '' }, { accountId: 'b', size: '' }], '', sizes)).toEqual({ ok: true, legs: [{ accountId: 'a', quantity: '0.01' }, { accountId: 'b', quantity: '0.02' }] });
    expect(run([{ accountId: 'a', size: '' }, { accountId: 'c', size: '' }], '', sizes)).toEqual({ ok: false, field: 'c', message: 'Third: no quantity; type one beside it, or one for every leg in quantity' });
  });

  it('names the leg or the field at fault', () => {
    expect(run([], '1')).toEqual({ ok: false, field: 'legs', message: 'basket: tick at least one account' });
    expect(run([{ accountId: 'b', size: '0,1' }], '1')).toEqual({ ok: false, field: 'b', message: 'Crypto.com demo quantity: must be a number greater than 0 such as 0.01 (a dot, no commas)' });
    expect(run([{ accountId: 'a', size: '' }], '', weights)).toMatchObject({ ok: false, field: 'size', message: expect.stringContaining('group desk splits a size by weights') });
  });
});
