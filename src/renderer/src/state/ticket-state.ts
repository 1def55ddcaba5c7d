import type { Market, OrderPreview, Side } from '../../../shared';
import { formatPrice, formatSize } from '../lib/format';
import { confirmReasons } from '../lib/safety';
import {
  EMPTY_FIELDS,
  canUseTotal,
  checkFields,
  freeOf,
  quantityForPercent,
  requestKey,
  stepPrice,
  toOrderRequest,
  type FieldProblem,
  type TicketFields,
} from '../lib/ticket';
import { app, isReadOnly, marketOf, notify } from './app-state';
import { latestBook } from './feeds';
import { createStore } from './store';
import { followUnclear, type FinalLine } from './outcomes';
import { OrderSubmitter, type OrderRequestDraft, type SubmitOutcome } from './submit';

export type TicketPhase = 'editing' | 'checking' | 'confirm' | 'sending' | 'unresolved' | 'sent' | 'failed' | 'blocked' | 'read-only';

export interface TicketState {
  fields: TicketFields;
  /** The account the ticket sends to; follows the active account until chosen here. */
  accountId?: string;
  /** Bumped on every edit: a new edition is a new submission (new client id). */
  edition: number;
  /** Problems the ticket finds alone (missing or non-numeric fields). */
  problems: FieldProblem[];
  /** The engine's preview of the current request, with the rule violations. */
  preview?: { key: string; value?: OrderPreview; error?: string };
  /** Why sending would ask for a second Enter (the ticket's confirmations). */
  confirm?: string[];
  phase: TicketPhase;
  message?: string;
  /** The percent that sized the quantity, until the trader edits it by hand. */
  sizedByPercent?: number;
  /** Asks the ticket view to focus a field (the number changes on each request). */
  focus?: { field: 'quantity' | 'price' | 'side'; seq: number };
}

export const ticket = createStore<TicketState>({
  fields: EMPTY_FIELDS,
  edition: 0,
  problems: [],
  phase: 'editing',
});

const submitter = new OrderSubmitter({
  preview: (request) => window.terminal.orders.preview(request),
  place: (request) => window.terminal.orders.place(request),
});

let focusSeq = 0;

/** The account the ticket targets. */
export function ticketAccountId(): string | undefined {
  return ticket.get().accountId ?? app.get().activeAccountId;
}

/** The current mid of the ticket's symbol, if the book is being watched. */
export function currentMid(accountId: string | undefined, symbol: string): string | undefined {
  if (!accountId) return undefined;
  const book = latestBook(accountId, symbol);
  const bid = book?.bids[0]?.[0];
  const ask = book?.asks[0]?.[0];
  if (!bid || !ask) return undefined;
  return String((Number(bid) + Number(ask)) / 2);
}

/** The ticket's request, if its fields are complete and well-formed. */
export function currentRequest(state: TicketState = ticket.get()): OrderRequestDraft | undefined {
  const accountId = state.accountId ?? app.get().activeAccountId;
  if (!accountId || state.problems.length > 0) return undefined;
  return toOrderRequest(state.fields, accountId, app.get().activeSymbol);
}

let previewTimer: ReturnType<typeof setTimeout> | undefined;
let previewSeq = 0;

function refreshChecks(): void {
  const state = ticket.get();
  const problems = checkFields(state.fields);
  ticket.set({ problems });
  clearTimeout(previewTimer);
  const request = currentRequest({ ...state, problems });
  if (!request) {
    ticket.set({ preview: undefined, confirm: undefined });
    return;
  }
  const key = requestKey(request);
  if (state.preview?.key === key) return;
  const seq = ++previewSeq;
  // Ask the engine for the rules check shortly after typing stops (and at once on submit).
  previewTimer = setTimeout(() => {
    void window.terminal.orders.preview(request).then((result) => {
      if (seq !== previewSeq) return;
      const preview = result.ok ? { key, value: result.value } : { key, error: result.error.message };
      const confirm = result.ok
        ? confirmReasons(
            { type: request.type, price: result.value.price ?? request.price, notional: result.value.notional, mid: currentMid(request.accountId, request.symbol) },
            app.get().safety,
          )
        : undefined;
      ticket.set({ preview, confirm });
    });
  }, 60);
}

/** Changes fields as an edit by the trader: a new edition, checks re-run. */
export function editTicket(patch: Partial<TicketFields>): void {
  ticket.set((s) => ({
    fields: { ...s.fields, ...patch },
    edition: s.edition + 1,
    sizedByPercent: 'quantity' in patch ? undefined : s.sizedByPercent,
    phase: s.phase === 'sending' ? 'sending' : 'editing',
    message: s.phase === 'sending' ? s.message : undefined,
  }));
  refreshChecks();
}

export function setTicketAccount(accountId: string | undefined): void {
  ticket.set((s) => ({ accountId, edition: s.edition + 1, phase: 'editing', message: undefined, preview: undefined }));
  refreshChecks();
}

/** B / S: the ticket on a side, focus on the quantity. */
export function openTicket(side: Side): void {
  const state = ticket.get();
  const patch: Partial<TicketFields> = { side, sizeMode: canUseTotal(side, state.fields.type) ? state.fields.sizeMode : 'quantity' };
  // A percent-sized quantity was for the other side's balance: size it again.
  if (state.fields.side !== side && state.sizedByPercent !== undefined) patch.quantity = '';
  editTicket(patch);
  ticket.set({ focus: { field: 'quantity', seq: ++focusSeq } });
}

/** A click on a book price (or a chart price): fill the ticket's price. */
export function setTicketPrice(price: string, side?: Side): void {
  const type = ticket.get().fields.type;
  editTicket({ price, type: type === 'market' ? 'limit' : type === 'stop-market' ? 'stop-limit' : type, ...(side ? { side } : {}) });
}

/** ↑/↓ in the price field. */
export function stepTicketPrice(steps: number): void {
  const state = ticket.get();
  const accountId = ticketAccountId();
  const market = marketOf(accountId, app.get().activeSymbol);
  if (!market) return notify('error', `no market data for ${app.get().activeSymbol} yet: cannot step the price`);
  const next = stepPrice(state.fields.price, market.tickSize, steps, currentMid(accountId, market.symbol));
  if (next !== state.fields.price) editTicket({ price: next });
}

/** Quantity for a percent of what is available; a message when it cannot be sized. */
export function sizeForPercent(args: { percent: number; side: Side; accountId: string; symbol: string; price?: string }): { ok: true; quantity: string } | { ok: false; message: string } {
  const market = marketOf(args.accountId, args.symbol);
  if (!market) return { ok: false, message: `no market data for ${args.symbol} on this account yet` };
  const balances = app.get().balances;
  let price = args.price;
  if (!price) {
    const book = latestBook(args.accountId, args.symbol);
    price = args.side === 'buy' ? book?.asks[0]?.[0] : book?.bids[0]?.[0];
  }
  return quantityForPercent({
    percent: args.percent,
    side: args.side,
    market,
    freeBase: freeOf(balances, args.accountId, market.base),
    freeQuote: freeOf(balances, args.accountId, market.quote),
    price,
  });
}

/** 1…4 in the quantity field: 25/50/75/100 % of available. */
export function applyPercent(percent: number): void {
  const state = ticket.get();
  const accountId = ticketAccountId();
  if (!accountId) return notify('error', 'choose an account first');
  const sized = sizeForPercent({
    percent,
    side: state.fields.side,
    accountId,
    symbol: app.get().activeSymbol,
    price: state.fields.type === 'limit' || state.fields.type === 'stop-limit' ? state.fields.price || undefined : undefined,
  });
  if (!sized.ok) {
    ticket.set({ phase: 'failed', message: sized.message });
    return;
  }
  editTicket({ quantity: sized.quantity, sizeMode: 'quantity' });
  ticket.set({ sizedByPercent: percent });
}

export function closeTicket(): void {
  ticket.set({ phase: 'editing', message: undefined });
}

/** Describes an outcome for the ticket's message line. */
export function describeOutcome(outcome: SubmitOutcome): { phase: TicketPhase; message?: string } {
  switch (outcome.kind) {
    case 'ignored':
      return { phase: 'sending', message: outcome.message };
    case 'invalid':
      return { phase: 'failed', message: outcome.violations.map((v) => v.message).join('; ') };
    case 'confirm':
      return { phase: 'confirm', message: `${outcome.reasons.join('; ')} · Enter again to send, Esc to stop` };
    case 'read-only':
      return { phase: 'read-only', message: `read-only: would send ${describeRequest(outcome.request)} (notional ${outcome.preview.notional ?? '?'})` };
    case 'already-sent':
      return { phase: 'sent', message: `already sent as order ${outcome.order.id}: change a field to send another` };
    case 'already-ended':
      return { phase: 'failed', message: `this order already ended (${outcome.outcome.state.replace('-', ' ')}): change a field to send another` };
    case 'placed':
      return { phase: 'sent', message: `placed ${outcome.order.side} ${outcome.order.quantity} ${outcome.order.symbol} · order ${outcome.order.id} (${outcome.order.status})` };
    case 'failed':
      // The engine's full words go to the notice; the ticket keeps to two lines.
      if (isUnclear(outcome)) return { phase: 'unresolved', message: 'not confirmed yet: looking it up by client id; the result will show here' };
      return {
        phase: 'failed',
        message: outcome.stage === 'check'
          ? `could not check the order, nothing was sent: ${outcome.error.message}`
          : outcome.retrySafe
            ? `${outcome.error.message} · the order may exist: Enter retries safely with the same id`
            : `rejected: ${outcome.error.message}`,
      };
  }
}

/** An answer that leaves the order's fate open: its outcome will be pushed (issue 11 #5). */
export function isUnclear(outcome: SubmitOutcome): outcome is Extract<SubmitOutcome, { kind: 'failed' }> & { clientId: string } {
  return outcome.kind === 'failed' && outcome.stage === 'place' && outcome.error.code === 'ORDER_STATE_UNKNOWN' && outcome.clientId !== undefined;
}

/** Follows an unclear palette or ticket submission until the engine says how it ended. */
export function followSubmission(outcome: SubmitOutcome, request: OrderRequestDraft, submitterOf: OrderSubmitter, onFinal?: (final: FinalLine) => void): void {
  if (!isUnclear(outcome)) return;
  followUnclear(outcome.clientId, describeRequest(request), (final, pushed) => {
    submitterOf.resolve(pushed);
    if (pushed.order && pushed.state !== 'rejected') recordPlaced({ kind: 'placed', order: pushed.order, clientId: pushed.clientId });
    onFinal?.(final);
  });
}

/** `BUY 7.5 ETHUSDT @ 2790.00`: size and prices in the market's precision (docs/ui.md "Numbers"). */
export function describeRequest(r: OrderRequestDraft, market: Market | undefined = marketOf(r.accountId, r.symbol)): string {
  const size = r.quantity !== undefined ? formatSize(r.quantity, market) : `$${r.total}`;
  const price = (p: string | undefined) => (p === undefined ? '?' : formatPrice(p, market));
  const where = r.type === 'market' ? 'market' : r.type === 'stop-market' ? `stop ${price(r.triggerPrice)} market` : r.type === 'stop-limit' ? `stop ${price(r.triggerPrice)} @ ${price(r.price)}` : `@ ${price(r.price)}`;
  return `${r.side.toUpperCase()} ${size} ${r.symbol} ${where}`;
}

/** Remembers a placed order for Esc (cancel last) and shows it at once in open orders. */
export function recordPlaced(outcome: SubmitOutcome): void {
  if (outcome.kind !== 'placed') return;
  const order = outcome.order;
  app.set((s) => ({
    lastPlaced: { accountId: order.accountId, symbol: order.symbol, orderId: order.id },
    openOrders: s.openOrders.some((o) => o.accountId === order.accountId && o.id === order.id) || !['pending', 'open', 'partially-filled'].includes(order.status)
      ? s.openOrders
      : [order, ...s.openOrders],
  }));
}

let lastUnclear: string | undefined;

/** Enter in the ticket: check, guard, confirm if asked, send once. */
export async function submitTicket(): Promise<SubmitOutcome | undefined> {
  const state = ticket.get();
  const problems = checkFields(state.fields);
  if (problems.length > 0) {
    ticket.set({ problems, phase: 'failed', message: problems.map((p) => p.message).join('; ') });
    return undefined;
  }
  const request = currentRequest({ ...state, problems });
  if (!request) {
    ticket.set({ phase: 'failed', message: 'choose an account first' });
    return undefined;
  }
  const key = requestKey(request);
  if (!submitter.busy) ticket.set({ phase: 'sending', message: `sending ${describeRequest(request)}…` });
  const outcome = await submitter.submit(request, {
    edition: state.edition,
    safety: app.get().safety,
    readOnly: isReadOnly(),
    mid: currentMid(request.accountId, request.symbol),
    preview: state.preview?.key === key && state.preview.value ? { key, value: state.preview.value } : undefined,
  });
  if (outcome.kind === 'ignored') return outcome;
  recordPlaced(outcome);
  ticket.set(describeOutcome(outcome));
  if (isUnclear(outcome)) {
    const clientId = outcome.clientId;
    lastUnclear = clientId;
    followSubmission(outcome, request, submitter, (final) => {
      // The ticket's line says how it ended unless the trader has sent something else since.
      if (lastUnclear === clientId && ticket.get().phase === 'unresolved') ticket.set({ phase: final.level === 'ok' ? 'sent' : 'failed', message: final.short });
    });
  }
  return outcome;
}

/** A separate submitter for palette orders: each palette line is its own submission. */
export const paletteSubmitter = new OrderSubmitter({
  preview: (request) => window.terminal.orders.preview(request),
  place: (request) => window.terminal.orders.place(request),
});
