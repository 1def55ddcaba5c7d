import { describe, expect, it } from 'vitest';
import { parseReply } from './errors';

describe('Crypto.com Exchange replies (§1.3, §6)', () => {
  it('reads code 0 as a number or the doc examples\' string, answering the result', () => {
    expect(parseReply(200, '{"id":-1,"method":"public/get-tickers","code":0,"result":{"data":[]}}', 'public/get-tickers', 'the tickers')).toMatchObject({ ok: true, value: { data: [] } });
    expect(parseReply(200, '{"id":"1","method":"x","code":"0","result":{"a":1}}', 'x', 'x')).toMatchObject({ ok: true, value: { a: 1 } });
  });

  it('decides on the body code, not the HTTP status: a 200 with 40401 is NOT_FOUND', () => {
    expect(parseReply(200, '{"id":1,"method":"private/get-order-detail","code":40401,"message":"NOT_FOUND"}', 'private/get-order-detail', 'the order')).toMatchObject({ ok: false, exchangeCode: 40401, error: { code: 'NOT_FOUND' } });
    expect(parseReply(400, '{"code":40004,"message":"Invalid instrument_name"}', 'public/get-book', 'the book of X')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'Crypto.com Exchange rejected the book of X: a parameter is missing or invalid (Invalid instrument_name, code 40004)' },
    });
  });

  it('429 is RATE_LIMITED whatever the body; an unknown path is its own message; 5xx is unavailable', () => {
    expect(parseReply(429, '{"id":1,"method":"m","code":42901,"message":"TOO_MANY_REQUESTS"}', 'm', 'x')).toMatchObject({ ok: false, exchangeCode: 42901, error: { code: 'RATE_LIMITED' } });
    expect(parseReply(404, '{"timestamp":"2026-09-22T21:43:19.938+00:00","status":404,"error":"Not Found","path":"/v1/public/get-nope"}', 'public/get-nope', 'x')).toMatchObject({
      ok: false,
      error: { code: 'EXCHANGE_UNAVAILABLE', message: "Crypto.com Exchange has no method public/get-nope (HTTP 404); check the account's REST address" },
    });
    expect(parseReply(502, '<html>bad gateway</html>', 'm', 'the balances')).toMatchObject({ ok: false, error: { code: 'EXCHANGE_UNAVAILABLE', retryable: true } });
  });

  it('maps auth, nonce and unknown codes with the exchange\'s own name kept', () => {
    expect(parseReply(401, '{"id":1,"method":"m","code":40101,"message":"UNAUTHORIZED"}', 'm', 'the balances')).toMatchObject({ error: { code: 'AUTH_INVALID_KEY' } });
    expect(parseReply(400, '{"id":1,"method":"m","code":40102,"message":"INVALID_NONCE"}', 'm', 'x')).toMatchObject({ error: { message: expect.stringContaining("check this computer's clock") } });
    expect(parseReply(500, '{"id":1,"method":"m","code":777777,"message":"SOMETHING_NEW"}', 'm', 'the order')).toMatchObject({ error: { code: 'EXCHANGE_REJECTED', message: 'Crypto.com Exchange rejected the order: SOMETHING_NEW (code 777777)' } });
  });

  it('refuses a deeply nested body before parsing it (issue 12)', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(parseReply(200, `{"code":0,"result":${deep}}`, 'm', 'x')).toMatchObject({ ok: false, error: { code: 'EXCHANGE_UNAVAILABLE' } });
  });
});
