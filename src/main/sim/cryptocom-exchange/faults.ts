import { type SimFault } from '../../../shared/contract/sim';
import { type RequestMatch } from '../shared/faults';
import { type CdcxSimulator } from './index';

/**
 * The shared fault vocabulary (src/shared/contract/sim.ts, docs/simulators.md) applied to the
 * Crypto.com Exchange simulator, worded like control/apply.ts does for the other two.
 */
const NAME = 'Crypto.com Exchange';
const PLACE: RequestMatch = { method: 'POST', path: /^\/exchange\/v1\/private\/create-order(-list)?$/ };
const ORDER_CALLS: RequestMatch = { method: 'POST', path: /^\/exchange\/v1\/private\/(create-order|create-order-list|amend-order|cancel-order|cancel-order-list|cancel-all-orders)$/ };

const delays = new WeakMap<object, () => void>();

export function applyCdcxFault(sim: CdcxSimulator, fault: SimFault): string {
  const faults = sim.faults;
  switch (fault.kind) {
    case 'drop-sockets': {
      const open = sim.wsConnections;
      faults.dropConnections(fault.forMs);
      return `${NAME}: cut ${open} socket${open === 1 ? '' : 's'}${fault.forMs ? ` and refuses new ones for ${fault.forMs} ms` : ''}`;
    }
    case 'delay-orders': {
      delays.get(faults)?.();
      delays.delete(faults);
      if (fault.ms === 0) return `${NAME}: orders no longer delayed`;
      delays.set(faults, faults.delayResponses(fault.ms, ORDER_CALLS));
      return `${NAME}: orders and cancels wait ${fault.ms} ms`;
    }
    case 'fail-orders':
      faults.failNext({ status: fault.status, count: fault.count, match: PLACE });
      return `${NAME}: the next ${fault.count === 1 ? 'order answers' : `${fault.count} orders answer`} HTTP ${fault.status}`;
    case 'gap-book': {
      // The shared vocabulary names markets without separators (BTCUSDT); match either form.
      const symbols = sim.engine.listMarkets().map((m) => m.symbol);
      const wanted = fault.symbol?.toUpperCase();
      const hit = wanted ? symbols.filter((s) => s === wanted || s.replace('_', '') === wanted) : symbols;
      if (hit.length === 0) return `${NAME}: has no market ${wanted}`;
      for (const symbol of hit) faults.dropNextBookUpdate(symbol);
      return `${NAME}: the next book delta of ${wanted ? hit.join(', ') : 'every market'} is skipped (its pu will not match)`;
    }
    case 'malformed-frame':
      faults.sendMalformedFrame();
      return `${NAME}: sent a frame that does not parse`;
    case 'stop-heartbeats':
      faults.stopHeartbeats();
      return `${NAME}: no more heartbeats or pings`;
    case 'resume-heartbeats':
      faults.resumeHeartbeats();
      return `${NAME}: heartbeats resumed`;
    case 'reject-signature':
      faults.rejectNextSignature();
      return `${NAME}: the next signed call fails its signature check`;
    case 'reset':
      faults.reset();
      delays.delete(faults);
      return `${NAME}: every fault cleared`;
  }
}
