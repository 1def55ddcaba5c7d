import { CdcxError, CODES, fail } from './codes';
import { type Caller, type OrderDesk, type Params } from './desk';
import { balanceRow, isFinal, tradeObject } from './format';
import { amendOrder, cancelAll, cancelOrder, createOrder, forEachListed } from './orders';
import { looseIntParam, stringParam, strictIntParam, toMs } from './request';

/**
 * The private methods of specs/cryptocom-exchange.md §5.7–§5.11 behind one table, so REST
 * and the user socket (§7.4: order entry only) run the same code. Each returns the `result`
 * (undefined = no result) or throws a CdcxError.
 */
type Handler = (desk: OrderDesk, caller: Caller, params: Params) => unknown;

interface MethodDef {
  readonly run: Handler;
  /** Served on the user socket too (§7.4). */
  readonly ws: boolean;
  /** `message` on success (`NO_ERROR` on cancel, §5.10). */
  readonly okMessage?: string;
}

export const PRIVATE_METHODS: Readonly<Record<string, MethodDef>> = {
  'private/user-balance': { ws: false, run: (desk, caller) => ({ data: [balanceRow(desk.engine.balances(caller.account.accountId))] }) },
  'private/create-order': { ws: true, run: createOrder },
  'private/amend-order': { ws: true, run: amendOrder },
  'private/cancel-order': { ws: true, run: cancelOrder, okMessage: 'NO_ERROR' },
  'private/cancel-all-orders': { ws: true, run: cancelAll },
  'private/create-order-list': { ws: true, run: (desk, caller, params) => forEachListed(params, (entry) => createOrder(desk, caller, entry)) },
  'private/cancel-order-list': {
    ws: true,
    run: (desk, caller, params) =>
      forEachListed(params, (entry) => {
        // §5.10: each entry names its instrument; the order must be on it.
        const rec = desk.find(caller.account.accountId, stringParam(entry, 'order_id'), undefined);
        if (stringParam(entry, 'instrument_name') !== rec.instrument) fail(CODES.MISSING_OR_INVALID_ARGUMENT, 'instrument_name does not match the order');
        return cancelOrder(desk, caller, entry);
      }),
  },
  'private/get-open-orders': {
    ws: false,
    run: (desk, caller, params) => ({ data: desk.openOrders(caller.account.accountId, stringParam(params, 'instrument_name')).map((r) => desk.object(r)) }),
  },
  'private/get-order-detail': {
    ws: false,
    run: (desk, caller, params) => {
      const rec = desk.find(caller.account.accountId, stringParam(params, 'order_id'), stringParam(params, 'client_oid'));
      // §5.11 [L]: right after create-order the order may not be visible yet.
      if (desk.now() < rec.visibleAt) throw new CdcxError(CODES.NOT_FOUND, 'NOT_FOUND');
      return desk.object(rec);
    },
  },
  'private/get-order-history': {
    ws: false,
    run: (desk, caller, params) => {
      const { from, to, limit, instrument } = historyWindow(desk, params);
      const rows = desk
        .ordersOf(caller.account.accountId)
        .filter((r) => isFinal(desk.status(r)) && (!instrument || r.instrument === instrument) && r.createdAt >= from && r.createdAt < to);
      return { data: ordered(desk, rows, (r) => r.createdAt).slice(0, limit).map((r) => desk.object(r)) };
    },
  },
  'private/get-trades': {
    ws: false,
    run: (desk, caller, params) => {
      const { from, to, limit, instrument } = historyWindow(desk, params);
      const fills = desk.engine.fills(caller.account.accountId, { symbol: instrument }).filter((f) => f.time >= from && f.time < to);
      const rows = fills.flatMap((fill) => {
        const rec = desk.ownerOf(fill.orderId);
        return rec ? [{ fill, rec }] : [];
      });
      return { data: ordered(desk, rows, (x) => x.fill.time).slice(0, limit).map((x) => tradeObject(x.fill, x.rec)) };
    },
  },
};

/** §5.11: start inclusive, end exclusive, ms/µs/ns by size, default the last day; `limit` ≤ 100. */
function historyWindow(desk: OrderDesk, params: Params): { from: number; to: number; limit: number; instrument: string | undefined } {
  const end = looseIntParam(params, 'end_time');
  const start = looseIntParam(params, 'start_time');
  const to = end === undefined ? desk.now() + 1 : toMs(end);
  const from = start === undefined ? to - 86_400_000 : toMs(start);
  const limit = strictIntParam(params, 'limit') ?? 100;
  return { from, to, limit: Math.min(Math.max(limit, 1), 100), instrument: stringParam(params, 'instrument_name') };
}

/** §8.26 [L]: newest first by default. */
function ordered<T>(desk: OrderDesk, rows: T[], time: (row: T) => number): T[] {
  const sorted = [...rows].sort((a, b) => time(a) - time(b));
  return desk.quirks.historyOrder === 'newest-first' ? sorted.reverse() : sorted;
}
