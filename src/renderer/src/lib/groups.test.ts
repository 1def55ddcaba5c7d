import { describe, expect, it } from 'vitest';
import type { AccountGroup } from '../../../shared';
import { findGroup, groupLegs, splitAmount, stepDecimals } from './groups';

const weighted: AccountGroup = { name: 'main-desk', split: 'weights', members: [{ accountId: 'a', weight: '2' }, { accountId: 'b', weight: '1' }] };
const sized: AccountGroup = { name: 'small', split: 'sizes', members: [{ accountId: 'a', quantity: '0.01' }, { accountId: 'b', quantity: '0.03' }] };
const five = () => 5;

describe('account groups in a basket (issue 13 #2)', () => {
  it('finds a group by name in any case or by a unique start, and names the choices otherwise', () => {
    expect(findGroup('MAIN-desk', [weighted, sized])).toEqual({ ok: true, group: weighted });
    expect(findGroup('sm', [weighted, sized])).toEqual({ ok: true, group: sized });
    expect(findGroup('x', [weighted, sized])).toEqual({ ok: false, message: 'no group "x"; have main-desk, small' });
    expect(findGroup('x', [])).toMatchObject({ ok: false, message: expect.stringContaining('add one in settings') });
  });

  it('splits in proportion to the weights, rounding each share down to its step', () => {
    expect(splitAmount('0.03', ['2', '1'], [5, 5])).toEqual(['0.02', '0.01']);
    expect(splitAmount('0.01', ['1', '1', '1'], [5, 5, 2])).toEqual(['0.00333', '0.00333', '0']);
    expect(splitAmount('100', ['1', '3'], [2, 0])).toEqual(['25', '75']);
  });

  it('weights: a quantity or a total is split; no size is an error that shows how to give one', () => {
    expect(groupLegs(weighted, { quantity: '0.03' }, five)).toEqual({ ok: true, legs: [{ accountId: 'a', quantity: '0.02' }, { accountId: 'b', quantity: '0.01' }] });
    expect(groupLegs(weighted, { total: '90' }, () => 2)).toEqual({ ok: true, legs: [{ accountId: 'a', total: '60' }, { accountId: 'b', total: '30' }] });
    expect(groupLegs(weighted, {}, five)).toEqual({ ok: false, message: expect.stringContaining('on group main-desk') });
  });

  it('sizes: no size sends the defaults; a size is split in proportion to them', () => {
    expect(groupLegs(sized, {}, five)).toEqual({ ok: true, legs: [{ accountId: 'a', quantity: '0.01' }, { accountId: 'b', quantity: '0.03' }] });
    expect(groupLegs(sized, { quantity: '0.2' }, five)).toEqual({ ok: true, legs: [{ accountId: 'a', quantity: '0.05' }, { accountId: 'b', quantity: '0.15' }] });
  });

  it('a percent is each account’s own percent of its available, never split', () => {
    expect(groupLegs(weighted, { percent: 25 }, five)).toEqual({ ok: true, legs: [{ accountId: 'a', percent: 25 }, { accountId: 'b', percent: 25 }] });
  });

  it('a share that rounds to nothing is refused, naming the account', () => {
    expect(groupLegs(weighted, { quantity: '0.00002' }, five, (id) => `Desk ${id}`)).toEqual({ ok: false, message: "group main-desk: Desk b's share of 0.00002 rounds to 0 at its market's step; give a larger size" });
  });

  it('reads the decimals of a step', () => {
    expect([stepDecimals('0.00001'), stepDecimals('1'), stepDecimals('0.1'), stepDecimals(undefined)]).toEqual([5, 0, 1, 8]);
  });
});
