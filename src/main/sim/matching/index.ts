/** The simulators' one matching engine (sim-api.md "Matching engine"). */
export { MatchingEngine, FEE_ACCOUNT, type MatchingEngineOptions, type AddAccountOptions } from './engine';
export * from './types';
