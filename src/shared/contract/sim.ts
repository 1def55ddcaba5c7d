import { z } from 'zod';
import { ExchangeId } from '../model';
import { invoke } from './define';

/**
 * A fault a person injects into demo mode's simulated exchanges (issue 18; docs/simulators.md
 * "Faults from outside"). The same vocabulary serves `npm run sim -- --fault`, the simulators'
 * loopback control endpoint and the palette's `sim …` commands.
 */
export const SimFault = z.discriminatedUnion('kind', [
  /** Every market-data socket is cut (no close frame: the client sees 1006); with `forMs`, new ones are refused that long (an outage). */
  z.object({ kind: z.literal('drop-sockets'), forMs: z.number().int().min(0).max(600_000).optional() }),
  /** Order placement and cancels wait `ms` before they run (0 ends the delay). */
  z.object({ kind: z.literal('delay-orders'), ms: z.number().int().min(0).max(600_000) }),
  /** The next `count` order placements answer HTTP `status` with an empty body and are not executed. */
  z.object({ kind: z.literal('fail-orders'), status: z.number().int().min(400).max(599), count: z.number().int().min(1).max(100) }),
  /** Icrypex: the next book diff of the market (every market when none) skips a change set. */
  z.object({ kind: z.literal('gap-book'), symbol: z.string().regex(/^[A-Za-z0-9]{2,20}$/, 'must be a market such as BTCUSDT').optional() }),
  /** Every socket gets one frame that does not parse. */
  z.object({ kind: z.literal('malformed-frame') }),
  /** Crypto.com: no more pings; Icrypex: no more data frames (until resumed or reset). */
  z.object({ kind: z.literal('stop-heartbeats') }),
  z.object({ kind: z.literal('resume-heartbeats') }),
  /** The next signed call fails its signature check. */
  z.object({ kind: z.literal('reject-signature') }),
  /** Clears every fault. */
  z.object({ kind: z.literal('reset') }),
]);
export type SimFault = z.infer<typeof SimFault>;

export const SimFaultRequest = z.object({
  fault: SimFault,
  /** One simulated exchange; both when omitted. */
  exchange: ExchangeId.optional(),
});
export type SimFaultRequest = z.infer<typeof SimFaultRequest>;

export const SimFaultResult = z.object({
  /** What each simulator did, in words (`Icrypex: dropped 2 sockets`). */
  applied: z.array(z.string().max(200)).max(4),
});
export type SimFaultResult = z.infer<typeof SimFaultResult>;

export const simInvoke = {
  /** Demo mode only: injects a fault into the embedded simulators. Refused while any live account exists. */
  'sim:fault': invoke(SimFaultRequest, SimFaultResult),
} as const;
