/**
 * specs/cryptocom-v1.md §1 roots. Which rule each REST path counts under is in limits.ts
 * (RULE_OF_PATH); the socket's channel names are in stream-protocol.ts.
 */
export const CRYPTOCOM_REST_URL = 'https://api.crypto.com';
export const CRYPTOCOM_WS_URL = 'wss://ws.crypto.com/kline-api/ws';
