import type { AccountGroup } from '../../../shared';
import { legResultWords } from '../lib/basket';
import { stepDecimals } from '../lib/groups';
import { canUseTotal, canonicalDecimal, checkFields, needsPrice, needsTrigger, type TicketFields } from '../lib/ticket';
import { sizeTicketLegs, type TicketLeg } from '../lib/ticket-basket';
import type { ResolvedBasket } from '../panes/palette/run-command';
import { app, isReadOnly, marketOf } from './app-state';
import { basketBlock, sendBasket, type LegPreview } from './basket';
import { createStore } from './store';
import { submitTicket, ticket } from './ticket-state';
import { basketWhat } from '../panes/palette/BasketLines';

/**
 * The ticket as a basket (issue 13 #1): several accounts ticked (or a saved group), each leg
 * with its own size, checked leg by leg by the engine, sent once, and each leg's end shown in
 * the ticket beside its account.
 */

export type LegLine = { accountId: string; label: string; level: 'ok' | 'error' | 'unknown'; text: string };

export interface TicketBasketState {
  on: boolean;
  /** The group the legs came from, whose weights or default sizes fill the untyped legs. */
  group?: string;
  legs: TicketLeg[];
  /** Bumped on every basket edit: a new edition is a new basket (new client id). */
  edition: number;
  /** The last basket sent from the ticket, each leg's end (updated when an unknown leg resolves). */
  result?: { key: string; summary: { level: 'ok' | 'error'; text: string }; legs: LegLine[] };
  sending: boolean;
  /** The engine's check of each leg, for the basket of `key` (kept here so a hotkey can submit too). */
  previews?: { key: string; legs: LegPreview[] };
  message?: { level: 'ok' | 'error' | 'info'; text: string };
}

export const ticketBasket = createStore<TicketBasketState>({ on: false, legs: [], edition: 0, sending: false });

const edit = (patch: Partial<TicketBasketState>) => ticketBasket.set((s) => ({ ...patch, edition: s.edition + 1, message: undefined }));

/** The ticket's account choice: an account id, `basket` (pick accounts) or `group:<name>`. */
export function chooseTicketTarget(value: string, fallbackAccountId: string | undefined): boolean {
  if (value === 'basket') {
    const current = ticketBasket.get();
    edit({ on: true, group: undefined, legs: current.on && !current.group ? current.legs : fallbackAccountId ? [{ accountId: fallbackAccountId, size: '' }] : [] });
    return true;
  }
  if (value.startsWith('group:')) {
    const group = (app.get().risk?.accountGroups ?? []).find((g) => g.name === value.slice(6));
    if (!group) return true;
    edit({ on: true, group: group.name, legs: group.members.map((m) => ({ accountId: m.accountId, size: '' })) });
    return true;
  }
  if (ticketBasket.get().on) edit({ on: false, group: undefined });
  return false;
}

/** Ticks or unticks an account (in the order of the account list). */
export function toggleLeg(accountId: string): void {
  const { legs } = ticketBasket.get();
  const order = app.get().accounts.map((a) => a.id);
  const next = legs.some((l) => l.accountId === accountId) ? legs.filter((l) => l.accountId !== accountId) : [...legs, { accountId, size: '' }];
  edit({ legs: next.sort((a, b) => order.indexOf(a.accountId) - order.indexOf(b.accountId)) });
}

export function setLegSize(accountId: string, size: string): void {
  edit({ legs: ticketBasket.get().legs.map((l) => (l.accountId === accountId ? { ...l, size } : l)) });
}

export function ticketGroup(state: TicketBasketState = ticketBasket.get()): AccountGroup | undefined {
  return state.group === undefined ? undefined : (app.get().risk?.accountGroups ?? []).find((g) => g.name === state.group);
}

export type TicketBasketResolve = { ok: true; basket: ResolvedBasket; key: string } | { ok: false; field: string; message: string };

/** The basket the ticket would send now, or the first thing missing, naming the field or leg. */
export function resolveTicketBasket(fields: TicketFields, state: TicketBasketState = ticketBasket.get()): TicketBasketResolve {
  const { accounts, activeSymbol: symbol } = app.get();
  const kind = fields.sizeMode === 'total' && canUseTotal(fields.side, fields.type) ? 'total' : 'quantity';
  // The price fields are checked as for one order; the size field may stay empty when every leg has one.
  const problem = checkFields(fields).find((p) => p.field !== kind || fields[kind].trim() !== '');
  if (problem) return { ok: false, field: problem.field, message: problem.message };
  const label = (id: string) => accounts.find((a) => a.id === id)?.label ?? id;
  const missing = state.legs.find((l) => !marketOf(l.accountId, symbol));
  if (missing) return { ok: false, field: missing.accountId, message: `${label(missing.accountId)}: no market ${symbol} on this account (or its markets are still loading)` };
  const group = ticketGroup(state);
  const sized = sizeTicketLegs({
    legs: state.legs,
    ...(group ? { group } : {}),
    size: fields[kind],
    kind,
    label,
    decimals: (id, k) => {
      const market = marketOf(id, symbol);
      return k === 'quantity' ? stepDecimals(market?.stepSize) : (market?.pricePrecision ?? 2);
    },
  });
  if (!sized.ok) return sized;
  const common: ResolvedBasket['common'] = { symbol, side: fields.side, type: fields.type };
  if (needsPrice(fields.type)) common.price = canonicalDecimal(fields.price);
  if (needsTrigger(fields.type)) common.triggerPrice = canonicalDecimal(fields.triggerPrice);
  const basket: ResolvedBasket = { common, legs: sized.legs.map((l) => ({ ...l, label: label(l.accountId) })) };
  return { ok: true, basket, key: JSON.stringify(basket) };
}

/** Enter in the ticket (or its hotkey): the basket when the ticket is one, else the single order. */
export function submitFromTicket(): Promise<unknown> {
  return ticketBasket.get().on ? submitTicketBasket() : submitTicket();
}

/** Enter in the ticket's basket mode: every leg checked, then one send; Enter again does nothing more. */
export async function submitTicketBasket(): Promise<void> {
  const state = ticketBasket.get();
  if (state.sending) return;
  const resolved = resolveTicketBasket(ticket.get().fields, state);
  ticket.set({ submitted: true });
  if (!resolved.ok) return ticketBasket.set({ message: { level: 'error', text: `not sent: ${resolved.message}` } });
  const key = `${resolved.key}|${ticket.get().edition}|${state.edition}`;
  if (state.result?.key === key) return ticketBasket.set({ message: { level: 'info', text: 'this basket was sent: change a field or a leg to send another' } });
  const previews = state.previews?.key === resolved.key ? state.previews.legs : undefined;
  const block = basketBlock(previews, resolved.basket.legs);
  const what = basketWhat(resolved.basket);
  if (block) return ticketBasket.set({ message: { level: 'error', text: block } });
  ticketBasket.set({ sending: true, message: { level: 'info', text: `sending ${what} to ${resolved.basket.legs.length} accounts…` } });
  try {
    const sent = await sendBasket(resolved.basket, key, what, isReadOnly(), (index, final) =>
      ticketBasket.set((s) => (s.result?.key === key ? { result: { ...s.result, legs: s.result.legs.map((l, i) => (i === index ? { ...l, level: final.level, text: final.short } : l)) } } : {})),
    );
    if (sent.kind === 'ignored') return;
    if (sent.kind !== 'sent') return ticketBasket.set({ message: { level: 'error', text: sent.message } });
    const legs = sent.legs.map((leg): LegLine => {
      const words = legResultWords(leg);
      return { accountId: leg.accountId, label: resolved.basket.legs.find((l) => l.accountId === leg.accountId)?.label ?? leg.accountId, ...words };
    });
    const placed = legs.filter((l) => l.level === 'ok').length;
    ticketBasket.set({ result: { key, summary: { level: placed === legs.length ? 'ok' : 'error', text: `${placed} of ${legs.length} legs placed` }, legs }, message: undefined });
  } finally {
    ticketBasket.set({ sending: false });
  }
}
