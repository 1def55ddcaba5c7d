import { exchangeName, type ExchangeId } from '../../../shared';

/**
 * Crypto.com Exchange API v1 (specs/cryptocom-exchange.md; "CDX" in this folder, to keep it
 * apart from the legacy V1 connector in ../cryptocom). §1.1 roots: REST methods are appended
 * with their slash (`…/exchange/v1/private/create-order`); two sockets, market and user.
 */
export const CDX_REST_URL = 'https://api.crypto.com/exchange/v1';
export const CDX_MARKET_WS_URL = 'wss://stream.crypto.com/exchange/v1/market';
export const CDX_USER_WS_URL = 'wss://stream.crypto.com/exchange/v1/user';

/** The catalog id this connector reports (src/shared/exchanges.ts). */
export const CDX = 'cryptocom-exchange' satisfies ExchangeId;

/** The name in messages: "Crypto.com Exchange rejected the order …". */
export const CDX_NAME = exchangeName(CDX);

/**
 * The user socket's URL from the account's one `ws` override: the override names the market
 * socket (…/market) or the root (…/v1); the user socket is its sibling `user` (§1.1).
 */
export function socketUrls(ws: string | undefined): { market: string; user: string } {
  if (!ws) return { market: CDX_MARKET_WS_URL, user: CDX_USER_WS_URL };
  const root = ws.replace(/\/+$/, '').replace(/\/(market|user)$/, '');
  return { market: `${root}/market`, user: `${root}/user` };
}
