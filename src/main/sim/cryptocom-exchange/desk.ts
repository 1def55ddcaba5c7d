import { type MatchingEngine, type SimFill, type SimOrder } from '../matching';
import { type Now } from '../shared/clock';
import { D } from '../shared/decimal';
import { Emitter } from '../shared/emitter';
import { type RawValue } from '../shared/raw-json';
import { CdcxError, CODES, fail } from './codes';
import { isFinal, orderIdOf, rejectedOrderId, orderObject, type OrderRecord, statusOf, tradeObject } from './format';
import { type CdcxQuirks } from './quirks';

/** One API key of the simulator. */
export interface CdcxAccount {
  readonly apiKey: string;
  readonly secret: string;
  /** Engine account id. */
  readonly accountId: string;
  /** `account_id` on the wire. */
  readonly uuid: string;
}

export type DeskEvents = {
  /** An order object changed (§7.5 user.order). */
  order: [accountId: string, order: Record<string, unknown>, instrument: string];
  /** A fill (§7.5 user.trade). */
  trade: [accountId: string, trade: Record<string, unknown>, instrument: string];
  /** The balances of an account changed (§7.5 user.balance). */
  balance: [accountId: string];
};

/** Who placed a request: the account and, on the user socket, the connection. */
export interface Caller {
  readonly account: CdcxAccount;
  readonly connection?: number;
  /** The request `id` and `nonce` as sent (§8.6: the default client_oid). */
  readonly requestId?: string;
  readonly nonce?: string;
}

/**
 * The order book-keeping of the Crypto.com Exchange simulator around the shared engine:
 * exchange ids, client_oid, the §4.3 life cycle (REJECTED and IOC/FOK CANCELED, which the engine
 * does not model), amend as cancel-and-replace, and the events the user socket pushes. Engine
 * events are queued and handled after each call so a record always exists when its first
 * event is turned into a push.
 */
export class OrderDesk extends Emitter<DeskEvents> {
  readonly records = new Map<string, OrderRecord>();
  /** Engine order to record, for routing engine events (an amended order's old id is dropped). */
  private readonly byEngineId = new Map<number, OrderRecord>();
  /** Every engine order a record ever had (fills of amended orders still belong to it). */
  private readonly owners = new Map<number, OrderRecord>();
  private readonly byAccount = new Map<string, OrderRecord[]>();
  private readonly accountIds = new Set<string>();
  private readonly queue: Array<[SimOrder, SimFill | undefined]> = [];
  private depth = 0;
  private rejectedCount = 0;
  private nsCounter = 0;
  private readonly off: () => void;

  constructor(
    readonly engine: MatchingEngine,
    readonly quirks: CdcxQuirks,
    readonly now: Now,
  ) {
    super();
    this.off = engine.on('order', (order, fill) => {
      if (!this.accountIds.has(order.accountId)) return;
      this.queue.push([order, fill]);
      if (this.depth === 0) queueMicrotask(() => this.flush());
    });
  }

  addAccount(account: CdcxAccount): void {
    this.accountIds.add(account.accountId);
  }

  close(): void {
    this.off();
  }

  /** Runs a mutation with engine events held until the records are in place. */
  run<T>(fn: () => T): T {
    this.depth++;
    try {
      return fn();
    } finally {
      this.depth--;
      if (this.depth === 0) this.flush();
    }
  }

  private flush(): void {
    const touched = new Set<string>();
    for (const [order, fill] of this.queue.splice(0)) {
      const rec = this.byEngineId.get(order.id);
      if (!rec) continue;
      touched.add(rec.accountId);
      if (fill) this.emit('trade', rec.accountId, tradeObject(fill, rec), rec.instrument);
      this.emit('order', rec.accountId, { ...this.object(rec), transaction_time: this.now(), transaction_time_ns: this.ns() }, rec.instrument);
    }
    for (const accountId of touched) this.emit('balance', accountId);
  }

  ns(): string {
    return String(BigInt(this.now()) * 1_000_000n + BigInt(this.nsCounter++ % 1_000_000));
  }

  /** The wire object of a record. */
  object(rec: OrderRecord): Record<string, unknown> {
    const engineOrder = rec.engineId === undefined ? undefined : this.engine.order(rec.accountId, rec.engineId);
    const market = this.engine.market(rec.instrument);
    const feeAsset = engineOrder?.feeAsset ?? (rec.side === 'BUY' ? market?.base : market?.quote) ?? '';
    return orderObject(rec, engineOrder, feeAsset);
  }

  status(rec: OrderRecord): ReturnType<typeof statusOf> {
    return statusOf(rec, rec.engineId === undefined ? undefined : this.engine.order(rec.accountId, rec.engineId));
  }

  /** The record an engine order belongs (or belonged) to. */
  ownerOf(engineId: number): OrderRecord | undefined {
    return this.owners.get(engineId);
  }

  ordersOf(accountId: string): OrderRecord[] {
    return this.byAccount.get(accountId) ?? [];
  }

  openOrders(accountId: string, instrument?: string): OrderRecord[] {
    return this.ordersOf(accountId).filter((r) => (!instrument || r.instrument === instrument) && !isFinal(this.status(r)));
  }

  /** An order of the account by `order_id` (wins) or client_oid (the latest with it); 40401 when none. */
  find(accountId: string, orderId: string | undefined, clientOid: string | undefined): OrderRecord {
    if (orderId === undefined && clientOid === undefined) fail(CODES.MISSING_OR_INVALID_ARGUMENT, 'order_id or client_oid is required');
    let rec: OrderRecord | undefined;
    if (orderId !== undefined) {
      rec = this.records.get(orderId);
      if (rec && rec.accountId !== accountId) rec = undefined;
    } else {
      const list = this.ordersOf(accountId).filter((r) => r.clientOid === clientOid);
      rec = list.find((r) => !isFinal(this.status(r))) ?? list[list.length - 1];
    }
    if (!rec) throw new CdcxError(CODES.NOT_FOUND, 'NOT_FOUND');
    return rec;
  }

  /** A new record (before or after the engine call). */
  record(caller: Caller, fields: Omit<OrderRecord, 'orderId' | 'accountId' | 'accountUuid' | 'createdAt' | 'createdNs' | 'updatedAt' | 'visibleAt' | 'connection' | 'carried' | 'statusOverride' | 'reason' | 'engineId'>, engineId: number | undefined): OrderRecord {
    const now = this.now();
    const orderId = engineId === undefined ? rejectedOrderId(++this.rejectedCount) : orderIdOf(engineId);
    const rec: OrderRecord = {
      ...fields,
      orderId,
      engineId,
      accountId: caller.account.accountId,
      accountUuid: caller.account.uuid,
      createdAt: now,
      createdNs: this.ns(),
      updatedAt: now,
      visibleAt: now + this.quirks.orderVisibleAfterMs,
      connection: caller.connection,
      carried: { quantity: '0', value: '0', fee: '0' },
      statusOverride: undefined,
      reason: undefined,
    };
    this.records.set(orderId, rec);
    if (engineId !== undefined) {
      this.byEngineId.set(engineId, rec);
      this.owners.set(engineId, rec);
    }
    let list = this.byAccount.get(rec.accountId);
    if (!list) this.byAccount.set(rec.accountId, (list = []));
    list.push(rec);
    return rec;
  }

  /** Points a record at the engine order that replaced its old one (amend). */
  replaceEngineOrder(rec: OrderRecord, old: SimOrder, next: number): void {
    this.byEngineId.delete(old.id);
    rec.carried = {
      quantity: plus(rec.carried.quantity, old.filledQuantity),
      value: plus(rec.carried.value, old.filledQuote),
      fee: plus(rec.carried.fee, old.fee),
    };
    rec.engineId = next;
    this.byEngineId.set(next, rec);
    this.owners.set(next, rec);
  }

  /** Marks a record final without the engine (REJECTED, or CANCELED for IOC/FOK) and pushes it. */
  finish(rec: OrderRecord, status: 'REJECTED' | 'CANCELED', code: number): void {
    rec.statusOverride = status;
    rec.reason = String(code);
    rec.updatedAt = this.now();
    this.emit('order', rec.accountId, { ...this.object(rec), transaction_time: this.now(), transaction_time_ns: this.ns() }, rec.instrument);
  }

  /** True when the client_oid is taken under the §8.7 scope switch. */
  clientOidTaken(accountId: string, clientOid: string): boolean {
    const since = this.now() - 86_400_000;
    return this.ordersOf(accountId).some((r) => r.clientOid === clientOid && (this.quirks.clientOidScope === '24h' ? r.createdAt >= since : !isFinal(this.status(r))));
  }
}

const plus = (a: string, b: string): string => D(a).plus(b).toFixed();

/** Params object type used by the order methods. */
export type Params = { [key: string]: RawValue };
