import { exchangeEntry } from '../../../shared';

/**
 * specs/cryptocom-v1.md §1 roots. Which rule each REST path counts under is in limits.ts
 * (RULE_OF_PATH); the socket's channel names are in stream-protocol.ts.
 */
export const CRYPTOCOM_REST_URL = exchangeEntry('cryptocom').endpoints.rest;
export const CRYPTOCOM_WS_URL = exchangeEntry('cryptocom').endpoints.ws;
