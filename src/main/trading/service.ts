import { canonicalSymbol, err, exchangeName, ok, ORDER_ANSWER_TIMEOUT_MS, type Account, type Fill, type Market, type Order, type OrderOutcome, type OrderQueued, type OrderPreview, type Result, type Settings } from '../../shared';
import type { MoveOutcome, ParsedRequestOf } from '../../shared';
import { describeAccount, fanOut } from '../accounts/fan-out';
import type { ConnectorOrder, ExchangeConnector, HistoryQuery, SubmitResolution } from '../exchanges/connector';
import { systemClock, type Clock } from '../net/clock';
import type { Handlers } from '../ipc/handle';
import { SecretUnavailableError } from '../secrets';
import { guard } from './guard';
import { MarketLookup, midPrice } from './market-cache';
import { OrderMover } from './move-order';
import { evaluateOrder, prepareOrder, type OrderInput } from './order-rules';
import { OutcomeTracker } from './outcomes';
import { CrossAccountReads, type Call, type Rows } from './reads';
import { needsMid, riskViolations, type RiskOrder } from './risk';
import { SubmitLedger, type Submission } from './submit-ledger';

type PlaceRequest = ParsedRequestOf<'orders:place'>;
type PreviewRequest = ParsedRequestOf<'orders:preview'>;
type BasketRequest = ParsedRequestOf<'orders:basket'>;
type Filter = ParsedRequestOf<'orders:open'>;
type LegResult = { accountId: string; order?: Order; error?: Extract<Result<never>, { ok: false }>['error']; canceled?: number };

/** Where the trading service gets accounts and their connectors (the account runtime and registry). */
export interface ConnectorSource {
  connector(accountId: string): Promise<Result<ExchangeConnector>>;
  account(accountId: string): Account | undefined;
  accountIds(): string[];
}

export interface TradingServiceOptions {
  source: ConnectorSource;
  settings: () => Settings;
  /** Mid price for valuing market orders and the price band; default: a shallow REST book (or the ticker). */
  referencePrice?: (connector: ExchangeConnector, symbol: string) => Promise<string | undefined>;
  markets?: MarketLookup;
  now?: () => number;
  /** Timers for the answer deadline (default: the system clock). */
  clock?: Clock;
  /** orders:place answers within this (default ORDER_ANSWER_TIMEOUT_MS); the outcome follows by push. */
  answerWithinMs?: number;
  /** Receives each sent order's outcome (the engine pushes it as `orders:outcome`). */
  onOutcome?: (outcome: OrderOutcome) => void;
  /** Told when a sent order waits for the rate budget (the engine pushes it as `orders:queued`). */
  onQueued?: (queued: OrderQueued) => void;
  log?: (line: string) => void;
}

interface Checked {
  account: Account;
  connector: ExchangeConnector;
  market: Market;
  mid?: string;
}

/**
 * Every order goes through here: the pair's rules (order-rules.ts), the trader's guards
 * (risk.ts), read-only mode, and idempotency by client id, before any connector call.
 */
export class TradingService {
  readonly ledger = new SubmitLedger();
  readonly outcomes: OutcomeTracker;
  private readonly markets: MarketLookup;
  private readonly reads: CrossAccountReads;
  private readonly mover: OrderMover;
  private readonly now: () => number;
  private readonly clock: Clock;
  private readonly log: (line: string) => void;

  constructor(private readonly options: TradingServiceOptions) {
    this.markets = options.markets ?? new MarketLookup({ now: options.now });
    this.now = options.now ?? Date.now;
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? (() => {});
    this.reads = new CrossAccountReads({ source: options.source, markets: this.markets, log: this.log });
    this.mover = new OrderMover({
      connector: (id) => options.source.connector(id),
      preview: (request) => this.preview(request),
      place: (request) => this.place(request),
      readOnlyBlock: (wouldDo) => this.readOnlyBlock(wouldDo),
      name: (id) => this.name(id),
      log: this.log,
    });
    this.outcomes = new OutcomeTracker(
      (outcome) => {
        this.log(`trading: order ${outcome.clientId} on ${outcome.accountId} ended ${outcome.state}${outcome.order ? ` as ${outcome.order.id}` : ''}`);
        options.onOutcome?.(outcome);
      },
      (clientId, result) => this.ledger.resolve(clientId, result),
    );
  }

  /** Called with every own-order push, so a retried submit answers the newest state. */
  noteOrder(order: Order): void {
    this.reads.noteTraded(order.accountId, order.symbol);
    this.ledger.note(order);
    this.outcomes.noteOrder(order);
  }

  /** Called when a connector established how an ambiguous submit ended. */
  noteResolution(accountId: string, resolution: SubmitResolution): void {
    this.outcomes.resolved(accountId, resolution);
  }

  /** The ticket's preview: notional, fee, and every rule or guard the order breaks (place checks the same). */
  async preview(request: PreviewRequest): Promise<Result<OrderPreview>> {
    const context = await this.context(request.accountId, request.symbol, request);
    if (!context.ok) return context;
    const { market, mid } = context.value;
    const input = orderInput(request);
    const evaluated = evaluateOrder(market, input, { referencePrice: mid });
    const { preview } = evaluated;
    const risk = riskViolations(market, { ...input, price: preview.price ?? input.price, quantity: preview.quantity ?? input.quantity, total: preview.total ?? input.total }, this.options.settings(), mid);
    return ok({ ...preview, violations: [...preview.violations, ...risk] });
  }

  /** Places one order, at most once per client id. */
  async place(request: PlaceRequest): Promise<Result<Order>> {
    if (request.dryRun) return (await this.prepare(request)).result;
    return this.ledger.submit(request.clientId, request.accountId, fingerprint(request), () => this.withinDeadline(request));
  }

  /**
   * The submit, but answered within `answerWithinMs` whatever the exchange does: past it the
   * answer is ORDER_STATE_UNKNOWN, and the outcome tracker pushes how it ended once known.
   */
  private async withinDeadline(request: PlaceRequest): Promise<Submission> {
    const limit = this.options.answerWithinMs ?? ORDER_ANSWER_TIMEOUT_MS;
    const work = this.prepare(request);
    let cancel = () => {};
    const late = new Promise<'late'>((resolve) => (cancel = this.clock.setTimer(() => resolve('late'), limit)));
    const first = await Promise.race([work, late]);
    cancel();
    if (first !== 'late') return first;
    const name = exchangeName(this.options.source.account(request.accountId)?.exchange);
    this.outcomes.begin(request.accountId, request.clientId, name);
    // Whatever the submit does later (sent or stopped before sending), its answer is the outcome.
    void work.then(
      (submission) => this.outcomes.answered(request.clientId, submission.result),
      () => {},
    );
    this.log(`trading: order ${request.clientId} not confirmed within ${limit} ms; answering unknown, the outcome follows`);
    return {
      result: err(
        'ORDER_STATE_UNKNOWN',
        `${name} has not confirmed the order within ${Math.round(limit / 1000)} s. The terminal keeps checking by client id ${request.clientId} and will show how it ended here. Do not resend it.`,
        { retryable: false },
      ),
      sent: true,
    };
  }

  /** The same order to several accounts with per-account sizes; each leg answers on its own. */
  async basket(request: BasketRequest): Promise<Result<{ legs: LegResult[] }>> {
    const { legs, ...common } = request;
    const results = await Promise.all(
      legs.map(async (leg, index): Promise<LegResult> => {
        try {
          const placed = await this.place({ ...common, accountId: leg.accountId, quantity: leg.quantity, total: leg.total, clientId: `${request.clientId}-${index + 1}` });
          return placed.ok ? { accountId: leg.accountId, order: placed.value } : { accountId: leg.accountId, error: placed.error };
        } catch (cause) {
          return { accountId: leg.accountId, error: err('INTERNAL', cause instanceof Error ? cause.message : String(cause)).error };
        }
      }),
    );
    return ok({ legs: results });
  }

  async cancel(request: ParsedRequestOf<'orders:cancel'>): Promise<Result<Order>> {
    const { accountId, orderId } = request;
    const symbol = canonicalSymbol(request.symbol);
    const readOnly = this.readOnlyBlock(`cancel order ${orderId} (${symbol}) on ${this.name(accountId)}`);
    if (readOnly) return readOnly;
    const connector = await this.options.source.connector(accountId);
    if (!connector.ok) return connector;
    this.log(`trading: cancel ${orderId} ${symbol} on ${accountId}`);
    return guard(() => connector.value.cancelOrder(symbol, orderId));
  }

  /** Moves an open order to a new limit price: amend where the connector has it, else cancel and place (move-order.ts). */
  move(request: ParsedRequestOf<'orders:move'>): Promise<Result<MoveOutcome>> {
    return this.mover.move(request);
  }

  /**
   * Cancels every open order of one account, of a list (a group) or of all (optionally one
   * symbol); one leg per account with its own count, so a failed account never hides the others.
   */
  async cancelAll(request: ParsedRequestOf<'orders:cancel-all'>): Promise<Result<{ canceled: number; legs: LegResult[] }>> {
    const symbol = request.symbol !== undefined ? canonicalSymbol(request.symbol) : undefined;
    if (request.accountId !== undefined && request.accountIds !== undefined) {
      return err('VALIDATION', 'Give one account or a list of accounts, not both.', { field: 'accountIds' });
    }
    const ids = request.accountIds ? this.listedAccountIds(request.accountIds) : this.accountIds(request.accountId);
    if (!ids.ok) return ids;
    const where = request.accountIds ? ids.value.map((id) => this.name(id)).join(', ') : request.accountId ? this.name(request.accountId) : 'every account';
    const what = `cancel all open orders${symbol ? ` on ${symbol}` : ''} on ${where}`;
    const readOnly = this.readOnlyBlock(what);
    if (readOnly) return readOnly;
    this.log(`trading: ${what}`);
    const legs = await fanOut(ids.value, async (id) => {
      const connector = await this.options.source.connector(id);
      if (!connector.ok) return connector;
      return guard(() => connector.value.cancelAll(symbol));
    });
    let canceled = 0;
    const out: LegResult[] = legs.map((leg) => {
      if (leg.result.ok) canceled += leg.result.value.canceled;
      return leg.result.ok ? { accountId: leg.accountId, canceled: leg.result.value.canceled } : { accountId: leg.accountId, error: leg.result.error };
    });
    return ok({ canceled, legs: out });
  }

  open(filter: Filter): Promise<Result<Rows<Order>>> {
    return this.read('open orders', filter, (c, q) => c.openOrders(q.symbol), (a, b) => b.createdAt - a.createdAt, false);
  }

  history(filter: Filter): Promise<Result<Rows<Order>>> {
    return this.read('order history', filter, (c, q) => c.orderHistory(q), (a, b) => b.createdAt - a.createdAt, true);
  }

  fills(filter: Filter): Promise<Result<Rows<Fill>>> {
    return this.read('trades', filter, (c, q) => c.fills(q), (a, b) => b.time - a.time, true);
  }

  /** A read over one account or all; it never fails whole (reads.ts), only a named account that fails is an error. */
  private async read<T extends { accountId: string }>(what: string, filter: Filter, call: Call<T>, order: (a: T, b: T) => number, perMarket: boolean): Promise<Result<Rows<T>>> {
    const ids = this.accountIds(filter.accountId);
    if (!ids.ok) return ids;
    const query: HistoryQuery = { symbol: filter.symbol !== undefined ? canonicalSymbol(filter.symbol) : undefined, from: filter.from, to: filter.to };
    const read = await this.reads.read(ids.value, query, call, { perMarket, single: filter.accountId !== undefined, what });
    return read.ok ? ok({ rows: read.value.rows.sort(order), gaps: read.value.gaps }) : read;
  }

  /**
   * Rules, guards, read-only and dry run, then the one connector call. `sent` says whether the
   * exchange may have seen it. A failure before the connector call is a plain error with
   * `sent: false` (issue 12: a throw in the price band check was reported as ORDER_STATE_UNKNOWN
   * for every limit order, and the ledger then kept answering it for that client id).
   */
  private async prepare(request: PlaceRequest): Promise<Submission> {
    let checked: { order: ConnectorOrder; account: Account; connector: ExchangeConnector } | Submission;
    try {
      checked = await this.check(request);
    } catch (cause) {
      const message = cause instanceof Error ? cause.message : String(cause);
      this.log(`trading: checking an order failed before anything was sent: ${message}`);
      return { result: err('INTERNAL', `Not sent: the order could not be checked (${message}).`), sent: false };
    }
    if ('result' in checked) return checked;
    const { order, account, connector } = checked;
    this.log(`trading: place ${describeOrder(order)} on ${account.id} (client id ${order.clientId})`);
    this.outcomes.begin(account.id, order.clientId, exchangeName(account.exchange));
    let result: Result<Order>;
    try {
      const onQueued = (waitMs: number) => this.options.onQueued?.({ accountId: account.id, clientId: order.clientId, waitMs: Math.round(waitMs) });
      const placed = await connector.placeOrder(order, { onQueued });
      result = placed.ok ? ok({ ...placed.value, accountId: account.id }) : placed;
    } catch (cause) {
      if (cause instanceof SecretUnavailableError) {
        this.outcomes.answered(order.clientId, err(cause.code, cause.message));
        return { result: err(cause.code, cause.message), sent: false };
      }
      throw cause; // the ledger answers ORDER_STATE_UNKNOWN; the tracker waits for the connector's word
    }
    this.outcomes.answered(order.clientId, result);
    return { result, sent: true };
  }

  /** Everything before the connector call: a Submission that stops here, or the order to send. */
  private async check(request: PlaceRequest): Promise<{ order: ConnectorOrder; account: Account; connector: ExchangeConnector } | Submission> {
    const stop = (result: Result<Order>): Submission => ({ result, sent: false });
    const context = await this.context(request.accountId, request.symbol, request);
    if (!context.ok) return stop(context);
    const { account, connector, market, mid } = context.value;
    const prepared = prepareOrder(market, { ...orderInput(request), clientId: request.clientId }, { referencePrice: mid });
    if (!prepared.ok) return stop(prepared);
    const order = prepared.value;
    const risk = riskViolations(market, order, this.options.settings(), mid)[0];
    if (risk) return stop(err('RISK_BLOCKED', `Not sent: ${risk.message}.`, { field: risk.field }));
    // A dry run sends nothing, so it is allowed in read-only mode too.
    if (request.dryRun) return stop(ok(this.dryRunOrder(account, order)));
    const readOnly = this.readOnlyBlock(`${describeOrder(order)} on ${this.name(account.id)}`);
    if (readOnly) return stop(readOnly);
    return { order, account, connector };
  }

  private async context(accountId: string, symbol: string, order: RiskOrder): Promise<Result<Checked>> {
    const account = this.options.source.account(accountId);
    if (!account) return err('NOT_FOUND', `There is no account ${accountId}.`, { field: 'accountId' });
    const connector = await this.options.source.connector(accountId);
    if (!connector.ok) return connector;
    const market = await this.markets.market(accountId, connector.value, symbol);
    if (!market.ok) return market;
    let mid: string | undefined;
    if (needsMid(market.value, order, this.options.settings())) {
      mid = await (this.options.referencePrice ?? midPrice)(connector.value, market.value.symbol).catch(() => undefined);
    }
    return ok({ account, connector: connector.value, market: market.value, mid });
  }

  private readOnlyBlock(wouldDo: string): Result<never> | undefined {
    if (!this.options.settings().readOnly) return undefined;
    return err('RISK_BLOCKED', `Read-only mode is on, so nothing was sent. It would ${wouldDo}. Turn read-only off in Settings to trade.`);
  }

  private accountIds(accountId: string | undefined): Result<string[]> {
    if (accountId === undefined) return ok(this.options.source.accountIds());
    if (!this.options.source.account(accountId)) return err('NOT_FOUND', `There is no account ${accountId}.`, { field: 'accountId' });
    return ok([accountId]);
  }

  /** A group's accounts: each must exist (named when not), each once. */
  private listedAccountIds(accountIds: readonly string[]): Result<string[]> {
    const missing = accountIds.filter((id) => !this.options.source.account(id));
    if (missing.length) return err('NOT_FOUND', `There is no account ${missing.join(', ')}.`, { field: 'accountIds' });
    return ok([...new Set(accountIds)]);
  }

  private name(accountId: string): string {
    return describeAccount(accountId, (id) => this.options.source.account(id));
  }

  /** What a dry run answers: the order exactly as it would be sent, marked `pending` with a `dry-run-` id. */
  private dryRunOrder(account: Account, order: ConnectorOrder): Order {
    const time = this.now();
    return {
      accountId: account.id,
      exchange: account.exchange,
      symbol: order.symbol,
      id: `dry-run-${order.clientId}`,
      clientId: order.clientId,
      side: order.side,
      type: order.type,
      status: 'pending',
      price: order.price,
      triggerPrice: order.triggerPrice,
      quantity: order.quantity ?? '0',
      filledQuantity: '0',
      createdAt: time,
      updatedAt: time,
    };
  }
}

function orderInput(request: PreviewRequest): OrderInput {
  return { symbol: request.symbol, side: request.side, type: request.type, price: request.price, triggerPrice: request.triggerPrice, quantity: request.quantity, total: request.total };
}

function fingerprint(request: PlaceRequest): string {
  const { accountId, symbol, side, type, price, triggerPrice, quantity, total } = request;
  return JSON.stringify([accountId, canonicalSymbol(symbol), side, type, price, triggerPrice, quantity, total]);
}

/** `buy 0.5 BTCUSDT limit @ 48000` for messages and logs. */
export function describeOrder(order: Omit<ConnectorOrder, 'clientId'>): string {
  const size = order.quantity ?? `${order.total} (total)`;
  const at = order.price ? ` @ ${order.price}` : '';
  const trigger = order.triggerPrice ? ` when ${order.triggerPrice} trades` : '';
  return `${order.side} ${size} ${order.symbol} ${order.type}${at}${trigger}`;
}

/** The orders:* channels. */
export function tradingHandlers(
  service: TradingService,
): Pick<Handlers, 'orders:preview' | 'orders:place' | 'orders:cancel' | 'orders:move' | 'orders:cancel-all' | 'orders:open' | 'orders:history' | 'orders:fills' | 'orders:basket'> {
  return {
    'orders:preview': (request) => service.preview(request),
    'orders:place': (request) => service.place(request),
    'orders:cancel': (request) => service.cancel(request),
    'orders:move': (request) => service.move(request),
    'orders:cancel-all': (request) => service.cancelAll(request),
    'orders:open': (filter) => service.open(filter),
    'orders:history': (filter) => service.history(filter),
    'orders:fills': (filter) => service.fills(filter),
    'orders:basket': (request) => service.basket(request),
  };
}
