import { decimalMid, isOrderOpen, type Market, type OrderPreview, type Side } from '../../../shared';
import { formatPrice, formatSize } from '../lib/format';
import { confirmReasons } from '../lib/safety';
import {
  EMPTY_FIELDS,
  canUseTotal,
  checkFields,
  freeOf,
  parseTypedPercent,
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
import { paneAccountId } from './pane-slot';
import { followUnclear, matchedNote, onOutcome, onQueued, outcomeOf, queuedLine, type FinalLine } from './outcomes';
import { OrderSubmitter, type OrderRequestDraft, type SubmitOutcome } from './submit';

export type TicketFieldName = 'price' | 'triggerPrice' | 'quantity' | 'total';

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
  /** Why a percent typed into quantity (`25%`) could not be turned into a size. */
  percentProblem?: string;
  /**
   * Fields the trader has acted on (typed in, left, or filled from the book). Their problems
   * show; an untouched field shows none until a submit (issue 11: no red on a fresh ticket).
   */
  touched: Partial<Record<TicketFieldName, true>>;
  /** A submit was tried since the fields were last cleared: every problem shows. */
  submitted: boolean;
  /** Asks the ticket view to focus a field (the number changes on each request). */
  focus?: { field: 'quantity' | 'price' | 'side'; seq: number };
}

export const ticket = createStore<TicketState>({
  fields: EMPTY_FIELDS,
  edition: 0,
  problems: [],
  phase: 'editing',
  touched: {},
  submitted: false,
});

const submitter = new OrderSubmitter({
  preview: (request) => window.terminal.orders.preview(request),
  place: (request) => window.terminal.orders.place(request),
});

let focusSeq = 0;

/** The account the ticket targets. */
export function ticketAccountId(): string | undefined {
  return ticket.get().accountId ?? paneAccountId(app.get(), 'ticket');
}

/** The current mid of the ticket's symbol, if the book is being watched. */
export function currentMid(accountId: string | undefined, symbol: string): string | undefined {
  if (!accountId) return undefined;
  const book = latestBook(accountId, symbol);
  // Decimal, not float: String() of a float mid writes `1.25e-7` for tiny prices, which the
  // confirmation band cannot read (issue 11, point 6).
  return decimalMid(book?.bids[0]?.[0], book?.asks[0]?.[0]);
}

/** The ticket's request, if its fields are complete and well-formed. */
export function currentRequest(state: TicketState = ticket.get()): OrderRequestDraft | undefined {
  const accountId = state.accountId ?? paneAccountId(app.get(), 'ticket');
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
    percentProblem: 'quantity' in patch ? undefined : s.percentProblem,
    phase: s.phase === 'sending' ? 'sending' : 'editing',
    message: s.phase === 'sending' ? s.message : undefined,
  }));
  refreshChecks();
}

/** Marks a field as acted on (typed in or left): its problems show from now on. */
export function touchTicketField(field: TicketFieldName): void {
  if (ticket.get().touched[field]) return;
  ticket.set((s) => ({ touched: { ...s.touched, [field]: true } }));
}

/**
 * What the trader types into a ticket field. `25%` in quantity is sized at once, so the field
 * shows the number that will be sent (issue 11: the size on screen is the size sent); if it
 * cannot be sized the text stays and the field says why.
 */
export function typeTicketField(field: TicketFieldName, value: string): void {
  touchTicketField(field);
  const percent = field === 'quantity' ? parseTypedPercent(value) : undefined;
  if (!percent) return editTicket({ [field]: value });
  if (!percent.ok) {
    editTicket({ quantity: value });
    ticket.set({ percentProblem: `quantity ${value.trim()}: ${percent.message}` });
    return;
  }
  const pct = percent.percent;
  const sized = sizeTicketPercent(pct);
  editTicket({ quantity: sized.ok ? sized.quantity : value });
  ticket.set(sized.ok ? { sizedByPercent: pct } : { percentProblem: `quantity ${value.trim()}: ${sized.message}` });
}

/** Clears price and size (a new symbol): a fresh ticket shows no problems until acted on. */
export function clearTicketFields(): void {
  editTicket({ price: '', triggerPrice: '', quantity: '', total: '' });
  ticket.set({ touched: {}, submitted: false, phase: 'editing', message: undefined });
}

export function setTicketAccount(accountId: string | undefined): void {
  ticket.set((s) => ({ accountId, edition: s.edition + 1, phase: 'editing', message: undefined, preview: undefined }));
  refreshChecks();
}

/** B / S: the ticket on a side, focus on the quantity. */
export function openTicket(side: Side): void {
  const state = ticket.get();
  const patch: Partial<TicketFields> = { side, sizeMode: canUseTotal(side, state.fields.type) ? state.fields.sizeMode : 'quantity' };
  // A percent-sized quantity was for the other side's balance: size it again. The emptied
  // field is new to the trader, so it says nothing until they act on it.
  const resize = state.fields.side !== side && state.sizedByPercent !== undefined;
  if (resize) patch.quantity = '';
  editTicket(patch);
  if (resize) ticket.set((s) => ({ touched: { ...s.touched, quantity: undefined }, submitted: false }));
  ticket.set({ focus: { field: 'quantity', seq: ++focusSeq } });
}

/** A click on a book price (or a chart price): fill the ticket's price. */
export function setTicketPrice(price: string, side?: Side): void {
  const type = ticket.get().fields.type;
  touchTicketField('price');
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

/** The ticket's quantity for a percent of available, at its side, account and price. */
function sizeTicketPercent(percent: number): { ok: true; quantity: string } | { ok: false; message: string } {
  const state = ticket.get();
  const accountId = ticketAccountId();
  if (!accountId) return { ok: false, message: 'choose an account first' };
  return sizeForPercent({
    percent,
    side: state.fields.side,
    accountId,
    symbol: app.get().activeSymbol,
    price: state.fields.type === 'limit' || state.fields.type === 'stop-limit' ? state.fields.price || undefined : undefined,
  });
}

/**
 * Alt+1…4 in quantity (or a click on a % chip): 25/50/75/100 % of available. A failure is
 * said beside the quantity and leaves what was typed alone.
 */
export function applyPercent(percent: number): void {
  const sized = sizeTicketPercent(percent);
  touchTicketField('quantity');
  if (!sized.ok) {
    ticket.set({ percentProblem: `${percent} %: ${sized.message}` });
    return;
  }
  const wasTotal = ticket.get().fields.sizeMode === 'total';
  editTicket({ quantity: sized.quantity, sizeMode: 'quantity' });
  ticket.set({ sizedByPercent: percent, ...(wasTotal ? { focus: { field: 'quantity', seq: ++focusSeq } } : {}) });
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
      // Each violation is shown once, beside its field (or in the preview if it has none).
      return { phase: 'failed', message: notSentMessage(outcome.violations.length) };
    case 'confirm':
      return { phase: 'confirm', message: `${outcome.reasons.join('; ')} · Enter again to send, Esc to stop` };
    case 'read-only':
      return { phase: 'read-only', message: `read-only: would send ${describeRequest(outcome.request)} (notional ${outcome.preview.notional ?? '?'})` };
    case 'already-sent':
      return { phase: 'sent', message: `already sent as order ${outcome.order.id}: change a field to send another` };
    case 'already-ended':
      return { phase: 'failed', message: `this order already ended (${outcome.outcome.state.replace('-', ' ')}): change a field to send another` };
    case 'placed':
      return { phase: 'sent', message: `${placedLine(outcome.order)}${matchedNote(outcomeOf(outcome.clientId))?.short ?? ''}` };
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

function placedLine(order: Extract<SubmitOutcome, { kind: 'placed' }>['order']): string {
  return `placed ${order.side} ${order.quantity} ${order.symbol} · order ${order.id} (${order.status})`;
}

function notSentMessage(count: number): string {
  return `not sent: ${count === 1 ? 'one problem' : `${count} problems`} to fix, shown above`;
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
    openOrders: s.openOrders.some((o) => o.accountId === order.accountId && o.id === order.id) || !isOrderOpen(order.status)
      ? s.openOrders
      : [order, ...s.openOrders],
  }));
}

let lastUnclear: string | undefined;
/** What the ticket is sending now, for its "queued" line. */
let sendingWhat = '';

// An order of this ticket waiting for the exchange's rate budget: the line says how long (issue 20 #5).
onQueued((queued) => {
  if (queued.clientId === paletteSubmitter.sendingClientId) notify('info', queuedLine(queued.waitMs, 'the palette order'));
  if (queued.clientId !== submitter.sendingClientId || ticket.get().phase !== 'sending') return;
  ticket.set({ message: queuedLine(queued.waitMs, sendingWhat) });
});

/**
 * An order went out: that submission is over, and what the trader did to its fields was for it.
 * The next one (B, S, a new size) shows problems only once acted on (issue 11: no red before
 * anything is typed, even right after a fill).
 */
function orderDone(): void {
  ticket.set({ touched: {}, submitted: false });
}

/** Enter in the ticket: check, guard, confirm if asked, send once. */
export async function submitTicket(): Promise<SubmitOutcome | undefined> {
  const state = ticket.get();
  const problems = checkFields(state.fields);
  ticket.set({ submitted: true });
  if (problems.length > 0) {
    ticket.set({ problems, phase: 'failed', message: notSentMessage(problems.length) });
    return undefined;
  }
  const request = currentRequest({ ...state, problems });
  if (!request) {
    ticket.set({ phase: 'failed', message: 'choose an account first' });
    return undefined;
  }
  const key = requestKey(request);
  if (!submitter.busy) {
    sendingWhat = describeRequest(request);
    ticket.set({ phase: 'sending', message: `sending ${sendingWhat}…` });
  }
  const outcome = await submitter.submit(request, {
    edition: state.edition,
    safety: app.get().safety,
    readOnly: isReadOnly(),
    mid: currentMid(request.accountId, request.symbol),
    preview: state.preview?.key === key && state.preview.value ? { key, value: state.preview.value } : undefined,
  });
  if (outcome.kind === 'ignored') return outcome;
  // Sent before the preview was back and refused by the engine: its violations go beside their fields now.
  const shown = currentRequest();
  if (outcome.kind === 'invalid' && shown && requestKey(shown) === key) ticket.set({ preview: { key, value: outcome.preview } });
  recordPlaced(outcome);
  ticket.set(describeOutcome(outcome));
  if (outcome.kind === 'placed') {
    orderDone();
    // The engine's outcome push may come just after the answer: if the order was only matched
    // by its fields (Crypto.com V1), the ticket's line says so (issue 20 #3).
    const line = placedLine(outcome.order);
    onOutcome(outcome.clientId, (pushed) => {
      const note = matchedNote(pushed);
      if (note && ticket.get().message === line) ticket.set({ message: `${line}${note.short}` });
    });
  }
  if (isUnclear(outcome)) {
    const clientId = outcome.clientId;
    lastUnclear = clientId;
    followSubmission(outcome, request, submitter, (final) => {
      // The ticket's line says how it ended unless the trader has sent something else since.
      if (lastUnclear !== clientId || ticket.get().phase !== 'unresolved') return;
      ticket.set({ phase: final.level === 'ok' ? 'sent' : 'failed', message: final.short });
      if (final.level === 'ok') orderDone();
    });
  }
  return outcome;
}

/** A separate submitter for palette orders: each palette line is its own submission. */
export const paletteSubmitter = new OrderSubmitter({
  preview: (request) => window.terminal.orders.preview(request),
  place: (request) => window.terminal.orders.place(request),
});
