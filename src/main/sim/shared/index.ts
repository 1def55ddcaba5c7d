/** Pieces every simulator shares: loopback HTTP, faults, rate windows, seeded RNG, clock, decimals, accounts. */
export { type Now, type ManualClock, manualClock, systemNow } from './clock';
export { D, type Decimal, parseDecimal, dstr, decimalsOf, isMultipleOf, floorToStep, roundToStep } from './decimal';
export { Emitter, type EventMap } from './emitter';
export { Faults, type FaultHooks, type FaultPlan, type RequestMatch, type RequestInfo } from './faults';
export { onUpgrade, Router, startLoopbackServer, type LoopbackServer, type LoopbackOptions, type SimHandler, type SimRequest, type SimResponse } from './http';
export { RateWindow, MultiKeyLimiter, type RateRule, type RateVerdict } from './rate-limit';
export { createRng, hashString, type Rng } from './rng';
export { generateAccount, DEFAULT_BALANCES } from './accounts';
