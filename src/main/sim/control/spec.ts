import { simulatedExchanges, type SimulatedExchangeId } from '../../../shared';
import { SimFault, type SimFaultRequest } from '../../../shared/contract/sim';

/**
 * The text form of a fault, for `npm run sim -- --fault` and the control endpoint
 * (docs/simulators.md "Faults from outside"):
 *
 *   [icrypex:|cryptocom:|cryptocom-exchange:]NAME[=VALUE][@EVERY]   (any simulated exchange's id)
 *
 *   drop-sockets              drop-sockets=70s (and refuse new ones that long)
 *   delay-orders=5s (500ms, 2m; 0 ends it)
 *   fail-orders=500           fail-orders=503x3 (the next 3 orders)
 *   gap-book                  gap-book=BTCUSDT
 *   malformed-frame           stop-heartbeats    resume-heartbeats
 *   reject-signature          reset
 *
 * `@30s` repeats a fault every 30 seconds (command line only).
 */
export interface FaultSpec {
  request: SimFaultRequest;
  /** Repeat period in ms, when the spec ends in `@EVERY`. */
  everyMs?: number;
}

/** A fault spec that does not parse: the message says what was wrong, in the spec's words. */
export class FaultSpecError extends Error {}

export const FAULT_NAMES = [
  'drop-sockets', 'delay-orders', 'fail-orders', 'gap-book', 'malformed-frame', 'stop-heartbeats', 'resume-heartbeats', 'reject-signature', 'reset',
] as const;

/** `5s`, `500ms`, `2m` or a bare number of milliseconds. */
export function parseDuration(text: string, what: string): number {
  const m = /^(\d{1,9})(ms|s|m)?$/.exec(text.trim());
  if (!m) throw new FaultSpecError(`${what} must be a duration such as 5s, 500ms or 2m, got ${JSON.stringify(text)}`);
  const value = Number(m[1]) * (m[2] === 's' ? 1000 : m[2] === 'm' ? 60_000 : 1);
  if (value > 600_000) throw new FaultSpecError(`${what} must be at most 10 minutes, got ${text}`);
  return value;
}

function faultOf(name: string, value: string | undefined, spec: string): unknown {
  const needsNoValue = () => {
    if (value !== undefined) throw new FaultSpecError(`${spec}: ${name} takes no value`);
  };
  switch (name) {
    case 'delay-orders':
      if (value === undefined) throw new FaultSpecError(`${spec}: delay-orders needs a duration, e.g. delay-orders=5s`);
      return { kind: name, ms: parseDuration(value, `${spec}: delay-orders`) };
    case 'fail-orders': {
      const m = /^(\d{3})(?:x(\d{1,3}))?$/.exec(value ?? '500');
      if (!m) throw new FaultSpecError(`${spec}: fail-orders takes an HTTP status and an optional count, e.g. fail-orders=503x3`);
      const status = Number(m[1]);
      const count = m[2] === undefined ? 1 : Number(m[2]);
      if (status < 400 || status > 599) throw new FaultSpecError(`${spec}: the status must be an HTTP error from 400 to 599, got ${status}`);
      if (count < 1 || count > 100) throw new FaultSpecError(`${spec}: the count must be from 1 to 100, got ${count}`);
      return { kind: name, status, count };
    }
    case 'gap-book':
      return value === undefined ? { kind: name } : { kind: name, symbol: value.toUpperCase() };
    case 'drop-sockets':
      return value === undefined ? { kind: name } : { kind: name, forMs: parseDuration(value, `${spec}: drop-sockets`) };
    case 'malformed-frame':
    case 'stop-heartbeats':
    case 'resume-heartbeats':
    case 'reject-signature':
    case 'reset':
      needsNoValue();
      return { kind: name };
    default:
      throw new FaultSpecError(`${spec}: unknown fault ${JSON.stringify(name)}; known are ${FAULT_NAMES.join(', ')}`);
  }
}

/** Parses one fault spec; throws FaultSpecError naming what is wrong. */
export function parseFaultSpec(text: string, options: { allowRepeat?: boolean } = {}): FaultSpec {
  const spec = text.trim();
  let rest = spec;
  let exchange: SimulatedExchangeId | undefined;
  const prefix = /^([a-z.-]+):/i.exec(rest);
  if (prefix) {
    const id = prefix[1]!.toLowerCase();
    exchange = simulatedExchanges().find((e) => e === id);
    if (!exchange) throw new FaultSpecError(`${spec}: unknown exchange ${JSON.stringify(prefix[1])}; known are ${simulatedExchanges().join(', ')}`);
    rest = rest.slice(prefix[0].length);
  }
  let everyMs: number | undefined;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    if (!options.allowRepeat) throw new FaultSpecError(`${spec}: @EVERY (repeat) is for the command line only`);
    everyMs = parseDuration(rest.slice(at + 1), `${spec}: the repeat period`);
    if (everyMs < 100) throw new FaultSpecError(`${spec}: repeat at most every 100 ms`);
    rest = rest.slice(0, at);
  }
  const eq = rest.indexOf('=');
  const name = (eq >= 0 ? rest.slice(0, eq) : rest).toLowerCase();
  const value = eq >= 0 ? rest.slice(eq + 1) : undefined;
  const parsed = SimFault.safeParse(faultOf(name, value, spec));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new FaultSpecError(`${spec}: ${issue.path.join('.') || name} ${issue.message}`);
  }
  const request: SimFaultRequest = { fault: parsed.data };
  if (exchange) request.exchange = exchange;
  return everyMs === undefined ? { request } : { request, everyMs };
}
