import { describe, expect, it } from 'vitest';
import { exchangeMessage, httpError } from './errors';

describe('HTTP errors to shared codes (§4)', () => {
  it.each([
    [400, 'VALIDATION', false],
    [401, 'AUTH_INVALID_KEY', false],
    [403, 'EXCHANGE_REJECTED', false],
    [404, 'NOT_FOUND', false],
    [422, 'EXCHANGE_REJECTED', false],
    [429, 'RATE_LIMITED', true],
    [500, 'EXCHANGE_UNAVAILABLE', true],
    [502, 'EXCHANGE_UNAVAILABLE', true],
    [503, 'EXCHANGE_UNAVAILABLE', true],
  ])('%i maps to %s (retryable %s)', (status, code, retryable) => {
    const e = httpError(status, '', 'placing an order').error;
    expect([e.code, e.retryable]).toEqual([code, retryable]);
    expect(e.message).toContain(String(status));
  });

  it("keeps the exchange's own message and code from a 422 body", () => {
    const e = httpError(422, '{"code":"market_disabled","message":"BTCUSDT market is in Cancel Only mode"}', 'placing an order').error;
    expect(e.message).toContain('BTCUSDT market is in Cancel Only mode');
    expect(e.message).toContain('market_disabled');
  });

  it('names the field from an ASP.NET ProblemDetails 400', () => {
    const body = JSON.stringify({ title: 'One or more validation errors occurred.', status: 400, errors: { Quantity: ['must be positive'] } });
    const e = httpError(400, body, 'placing an order').error;
    expect(e.field).toBe('quantity');
    expect(e.message).toContain('must be positive');
  });

  it('drops HTML bodies (Cloudflare pages) and clips long text', () => {
    expect(exchangeMessage('<html><body>blocked</body></html>')).toEqual({});
    expect(exchangeMessage('x'.repeat(1000)).message!.length).toBeLessThanOrEqual(300);
  });
});
