import type { OrderCommand } from '../../lib/palette-grammar';
import { findGroup, groupLegs, stepDecimals } from '../../lib/groups';
import { app, marketOf } from '../../state/app-state';
import { resolveBasket, type Resolved, type ResolvedBasket } from './run-command';

/**
 * `… on group <name>` to a basket (issue 13 #2): the group's accounts, each leg's size split by
 * the group's weights (or default sizes) at its own market's step, or each account's own
 * percent of available. The rest is resolved as any basket line (symbol per account, labels).
 */
export function resolveGroupBasket(command: OrderCommand & { group: string }): Resolved<ResolvedBasket> {
  const state = app.get();
  const found = findGroup(command.group, state.risk?.accountGroups ?? []);
  if (!found.ok) return found;
  const group = found.group;
  const gone = group.members.find((m) => !state.accounts.some((a) => a.id === m.accountId));
  if (gone) return { ok: false, message: `group ${group.name} holds an account that was removed (${gone.accountId}): edit the group in settings` };
  const base = resolveBasket({ ...command, legs: group.members.map((m) => ({ account: m.accountId })) });
  if (!base.ok || command.percent !== undefined) return base;
  const symbol = base.value.common.symbol;
  const size = command.quantity !== undefined ? { quantity: command.quantity } : command.total !== undefined ? { total: command.total } : {};
  const label = (id: string) => state.accounts.find((a) => a.id === id)?.label ?? id;
  const split = groupLegs(
    group,
    size,
    (id, kind) => {
      const market = marketOf(id, symbol);
      return kind === 'quantity' ? stepDecimals(market?.stepSize) : (market?.pricePrecision ?? 2);
    },
    label,
  );
  if (!split.ok) return split;
  const legs = base.value.legs.map((leg, i) => {
    const share = split.legs[i]!;
    const { quantity: _q, total: _t, ...rest } = leg;
    return { ...rest, ...(share.quantity !== undefined ? { quantity: share.quantity } : {}), ...(share.total !== undefined ? { total: share.total } : {}) };
  });
  return { ok: true, value: { ...base.value, legs } };
}

/** A basket line of either kind: named legs, or a group. */
export function resolveAnyBasket(command: OrderCommand): Resolved<ResolvedBasket> | undefined {
  if (command.group !== undefined) return resolveGroupBasket({ ...command, group: command.group });
  if (command.legs) return resolveBasket({ ...command, legs: command.legs });
  return undefined;
}
