import { describe, expect, it } from 'vitest';
import { CDX_REST_URL, socketUrls } from './endpoints';

describe('Crypto.com Exchange endpoints (specs/cryptocom-exchange.md §1.1)', () => {
  it("defaults to the live roots from the catalog: the REST root and both sockets", () => {
    expect(CDX_REST_URL).toBe('https://api.crypto.com/exchange/v1');
    expect(socketUrls(undefined)).toEqual({ market: 'wss://stream.crypto.com/exchange/v1/market', user: 'wss://stream.crypto.com/exchange/v1/user' });
  });

  it('takes an override naming the market socket, the user socket or the root, and finds both sockets', () => {
    const both = { market: 'ws://127.0.0.1:9/exchange/v1/market', user: 'ws://127.0.0.1:9/exchange/v1/user' };
    for (const given of ['ws://127.0.0.1:9/exchange/v1/market', 'ws://127.0.0.1:9/exchange/v1/user', 'ws://127.0.0.1:9/exchange/v1/']) expect(socketUrls(given), given).toEqual(both);
  });
});
