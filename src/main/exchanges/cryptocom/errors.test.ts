import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnvelope } from './errors';

const FIXTURES = join(__dirname, '../../../../tests/fixtures/chainup-live');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8').trim();

describe('the {"code","msg","data"} envelope (§1, §5.15)', () => {
  it('code "0" gives data; a numeric 0 is accepted too; null data stays null', () => {
    expect(parseEnvelope(200, '{"code":"0","msg":"suc","data":{"order_id":67952563}}', '/v1/order')).toMatchObject({ ok: true, value: { order_id: 67952563 } });
    expect(parseEnvelope(200, '{"code":0,"msg":"suc","data":[1]}', '/v1/x')).toMatchObject({ ok: true, value: [1] });
    expect(parseEnvelope(200, '{"code":"0","msg":"suc","data":null}', '/v1/orders/cancel')).toMatchObject({ ok: true, value: null });
  });

  it('100005 is AUTH_INVALID_KEY carrying the exchange message', () => {
    const r = parseEnvelope(200, '{"code":"100005","msg":"request sign illegal","data":null}', '/v1/account');
    expect(r).toMatchObject({ ok: false, exchangeCode: '100005', error: { code: 'AUTH_INVALID_KEY', retryable: false } });
    expect(!r.ok && r.error.message).toContain('request sign illegal');
  });

  it('100004 is VALIDATION; the GroveX fixture has msg null and still gets words', () => {
    const r = parseEnvelope(200, fixture('grovex/rest-error-unknown-symbol-market-dept.json'), '/v1/depth');
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!r.ok && r.error.message).toMatch(/request parameter illegal \(code 100004\)/);
  });

  it('22 is NOT_FOUND; balance, precision and minimum codes are EXCHANGE_REJECTED with the field where known', () => {
    expect(parseEnvelope(200, '{"code":"22","msg":"not exist order","data":null}', '/v1/showOrder')).toMatchObject({ error: { code: 'NOT_FOUND', message: expect.stringContaining('not exist order') } });
    for (const code of ['4', '19', '10034', '5', '10062', '10064']) {
      expect(parseEnvelope(200, `{"code":"${code}","msg":"m","data":null}`, '/v1/order')).toMatchObject({ error: { code: 'EXCHANGE_REJECTED' } });
    }
    expect(parseEnvelope(200, '{"code":"10063","msg":"too small","data":null}', '/v1/order')).toMatchObject({ error: { code: 'EXCHANGE_REJECTED', field: 'quantity' } });
    expect(parseEnvelope(200, '{"code":"110041","msg":"slow down","data":null}', '/v1/order')).toMatchObject({ error: { code: 'RATE_LIMITED', retryable: true } });
    expect(parseEnvelope(200, '{"code":"987654","msg":"new thing","data":null}', '/v1/order')).toMatchObject({ error: { code: 'EXCHANGE_REJECTED', message: expect.stringContaining('new thing (code 987654)') } });
  });

  it('HTTP 429 with a non-JSON body is RATE_LIMITED; 5xx is EXCHANGE_UNAVAILABLE and retryable', () => {
    expect(parseEnvelope(429, 'Too Many Requests', '/v1/ticker')).toMatchObject({ ok: false, status: 429, error: { code: 'RATE_LIMITED', retryable: true } });
    expect(parseEnvelope(503, '', '/v1/account')).toMatchObject({ error: { code: 'EXCHANGE_UNAVAILABLE', retryable: true } });
    expect(parseEnvelope(500, '<html>', '/v1/depth')).toMatchObject({ error: { message: expect.stringContaining('unknown symbol') } });
  });

  it('a JSON code on an HTTP error status is still mapped by its code (S4)', () => {
    expect(parseEnvelope(400, '{"code":"100004","msg":"bad","data":null}', '/v1/order')).toMatchObject({ error: { code: 'VALIDATION' } });
  });

  it('the Spring-style 404 (fixture) says the path is unknown; a body without code is not the envelope', () => {
    expect(parseEnvelope(404, fixture('grovex/rest-404-unknown-path.json'), '/v1/nope')).toMatchObject({ error: { code: 'EXCHANGE_UNAVAILABLE', retryable: false, message: expect.stringContaining('HTTP 404') } });
    expect(parseEnvelope(200, '{"hello":1}', '/v1/x')).toMatchObject({ error: { message: expect.stringContaining('without a code') } });
    // The envelope fixture as stored is not JSON (the source elides rows with …): a clear error, no throw.
    expect(parseEnvelope(200, fixture('grovex/rest-common-symbols-envelope.txt'), '/v1/symbols')).toMatchObject({ ok: false });
  });
});
