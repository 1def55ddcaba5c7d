import { exchangeName, simulatedExchanges } from '../../../shared';
import { type SimFault, type SimFaultRequest } from '../../../shared/contract/sim';
import { type CryptocomSimulator } from '../cryptocom';
import { type CdcxSimulator } from '../cryptocom-exchange';
import { type IcrypexSimulator } from '../icrypex';
import { type RequestMatch } from '../shared/faults';

/** The simulators a fault can reach (demo mode and `npm run sim` have all of them). */
export interface FaultTargets {
  icrypex?: IcrypexSimulator;
  cryptocom?: CryptocomSimulator;
  'cryptocom-exchange'?: CdcxSimulator;
}

type Exchange = keyof FaultTargets;
type AnySim = NonNullable<FaultTargets[Exchange]>;

/**
 * Where each simulator takes orders: placing (what `fail-orders` fails) and every call that
 * places or cancels (what `delay-orders` holds up). Icrypex: specs/icrypex.md §7.7/§7.8;
 * Crypto.com V1: §5.8, §5.10, §5.11; Crypto.com Exchange: specs/cryptocom-exchange.md §5.8–§5.10.
 */
const PLACE: Record<Exchange, RequestMatch[]> = {
  icrypex: [{ method: 'POST', path: /^\/sapi\/v1\/orders$/ }],
  cryptocom: [{ method: 'POST', path: /^\/v1\/order$/ }],
  'cryptocom-exchange': [{ method: 'POST', path: /^\/exchange\/v1\/private\/create-order(-list)?$/ }],
};
const ORDER_CALLS: Record<Exchange, RequestMatch[]> = {
  icrypex: [{ method: 'POST', path: /^\/sapi\/v1\/orders$/ }, { method: 'DELETE', path: /^\/sapi\/v1\/orders(\/|$)/ }],
  cryptocom: [{ method: 'POST', path: /^\/v1\/(order|orders\/cancel|cancelAllOrders)$/ }],
  'cryptocom-exchange': [{ method: 'POST', path: /^\/exchange\/v1\/private\/(create-order|create-order-list|amend-order|cancel-order|cancel-order-list|cancel-all-orders)$/ }],
};

/** Open sockets of a simulator, whatever it calls the count. */
function openSockets(exchange: Exchange, sim: AnySim): number {
  return exchange === 'icrypex' ? (sim as IcrypexSimulator).connectionCount : (sim as CryptocomSimulator | CdcxSimulator).wsConnections;
}

/** `gap-book`: Icrypex skips a change set, Crypto.com Exchange a delta (its `pu` then fails to match); the legacy API has no diffs. */
function gapBook(exchange: Exchange, sim: AnySim, symbol: string | undefined): string {
  const name = exchangeName(exchange);
  if (exchange === 'cryptocom') return `${name}: sends whole book snapshots (specs/cryptocom-v1.md §6.6), so a book cannot have a gap`;
  const symbols = sim.engine.listMarkets().map((m) => m.symbol);
  const wanted = symbol?.toUpperCase();
  // The vocabulary names markets without separators (BTCUSDT); Crypto.com Exchange's engine says BTC_USDT.
  const hit = wanted ? symbols.filter((s) => s === wanted || s.replace('_', '') === wanted) : symbols;
  if (hit.length === 0) return `${name}: has no market ${wanted}`;
  if (exchange === 'icrypex') {
    for (const s of hit) sim.faults.skipChangeSet(s);
    return `${name}: the next book diff of ${wanted ?? 'every market'} skips a change set`;
  }
  for (const s of hit) sim.faults.dropNextBookUpdate(s);
  return `${name}: the next book delta of ${wanted ? hit.join(', ') : 'every market'} is skipped (its pu will not match)`;
}

/** The undo of the order delay in force per simulator, so a new `delay-orders` replaces the old. */
const orderDelays = new WeakMap<object, Array<() => void>>();

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** Applies one fault to one simulator; says what it did. */
export function applyFaultTo(exchange: Exchange, sim: AnySim, fault: SimFault): string {
  const name = exchangeName(exchange);
  const faults = sim.faults;
  switch (fault.kind) {
    case 'drop-sockets': {
      const open = openSockets(exchange, sim);
      faults.dropConnections(fault.forMs);
      return `${name}: cut ${open} socket${open === 1 ? '' : 's'}${fault.forMs ? ` and refuses new ones for ${seconds(fault.forMs)}` : ''}`;
    }
    case 'delay-orders': {
      for (const undo of orderDelays.get(faults) ?? []) undo();
      orderDelays.delete(faults);
      if (fault.ms === 0) return `${name}: orders no longer delayed`;
      orderDelays.set(faults, ORDER_CALLS[exchange].map((match) => faults.delayResponses(fault.ms, match)));
      return `${name}: orders and cancels wait ${seconds(fault.ms)}`;
    }
    case 'fail-orders': {
      for (const match of PLACE[exchange]) faults.failNext({ status: fault.status, count: fault.count, match });
      return `${name}: the next ${fault.count === 1 ? 'order answers' : `${fault.count} orders answer`} HTTP ${fault.status}`;
    }
    case 'gap-book':
      return gapBook(exchange, sim, fault.symbol);
    case 'malformed-frame':
      faults.sendMalformedFrame();
      return `${name}: sent a frame that does not parse`;
    case 'stop-heartbeats':
      faults.stopHeartbeats();
      return exchange === 'icrypex' ? `${name}: sockets fall silent` : exchange === 'cryptocom' ? `${name}: no more pings` : `${name}: no more heartbeats or pings`;
    case 'resume-heartbeats':
      faults.resumeHeartbeats();
      return `${name}: heartbeats resumed`;
    case 'reject-signature':
      faults.rejectNextSignature();
      return `${name}: the next signed call fails its signature check`;
    case 'reset':
      faults.reset();
      orderDelays.delete(faults);
      return `${name}: every fault cleared`;
  }
}

/** Applies one fault to the named simulator, or to every one; says what each did. */
export function applySimFault(targets: FaultTargets, request: SimFaultRequest): string[] {
  const out: string[] = [];
  for (const exchange of simulatedExchanges()) {
    if (request.exchange && request.exchange !== exchange) continue;
    const sim = targets[exchange];
    if (!sim) {
      if (request.exchange) out.push(`${exchangeName(exchange)}: no simulator is running`);
      continue;
    }
    out.push(applyFaultTo(exchange, sim, request.fault));
  }
  return out;
}
