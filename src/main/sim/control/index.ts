export { applySimFault, type FaultTargets } from './apply';
export { FAULT_NAMES, FaultSpecError, parseDuration, parseFaultSpec, type FaultSpec } from './spec';
export { isOwnHost, startSimControl, type SimControl, type SimControlOptions } from './server';
