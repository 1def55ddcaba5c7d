import { describe, expect, it } from 'vitest';

import { authenticate } from './auth';
import { dateParam, formatServerDate, oneOf, paging, parseForm, positiveDecimal } from './params';
import { signV1 } from './sign';

describe('V1 parameter parsing', () => {
  it('parses a form body, decoding values', () => {
    expect(parseForm('a=1&startDate=2020-05-09+00%3A00%3A00')).toEqual({ ok: true, value: { a: '1', startDate: '2020-05-09 00:00:00' } });
  });

  it('refuses a parameter sent twice, naming it', () => {
    expect(parseForm('symbol=a&symbol=b')).toMatchObject({ ok: false, error: 'paramIllegal', detail: 'symbol: sent more than once' });
  });

  it('checks decimals: format, positivity, and the market precision (precision code)', () => {
    expect(positiveDecimal({ volume: '0.5' }, 'volume', 4)).toEqual({ ok: true, value: '0.5' });
    expect(positiveDecimal({}, 'volume', 4)).toMatchObject({ error: 'paramIllegal', detail: 'volume: missing' });
    expect(positiveDecimal({ volume: '1e3' }, 'volume', 4)).toMatchObject({ error: 'paramIllegal', detail: expect.stringContaining('volume: not a plain decimal') });
    expect(positiveDecimal({ volume: '-1' }, 'volume', 4)).toMatchObject({ error: 'paramIllegal' });
    expect(positiveDecimal({ volume: '0.000' }, 'volume', 4)).toMatchObject({ error: 'paramIllegal', detail: 'volume: must be greater than 0' });
    expect(positiveDecimal({ price: '1.123' }, 'price', 2)).toMatchObject({ error: 'badPrecision', detail: 'price: 3 decimals, the market allows 2' });
  });

  it('checks enumerations case-sensitively (§4 side is uppercase)', () => {
    expect(oneOf({ side: 'BUY' }, 'side', ['BUY', 'SELL'])).toEqual({ ok: true, value: 'BUY' });
    expect(oneOf({ side: 'buy' }, 'side', ['BUY', 'SELL'])).toMatchObject({ ok: false, detail: "side: must be one of BUY, SELL ('buy')" });
  });

  it('defaults paging and refuses a zero page', () => {
    expect(paging({}, 10)).toEqual({ ok: true, value: { page: 1, pageSize: 10 } });
    expect(paging({ page: '2', pageSize: '1000' }, 10)).toEqual({ ok: true, value: { page: 2, pageSize: 1000 } });
    expect(paging({ page: '0' }, 10)).toMatchObject({ ok: false, detail: expect.stringContaining('page:') });
  });

  it('reads and writes server-zone dates (§5.13 yyyy-MM-dd HH:mm:ss)', () => {
    const ms = Date.UTC(2020, 4, 9, 0, 0, 0);
    expect(dateParam({ startDate: '2020-05-09 08:00:00' }, 'startDate', 8)).toEqual({ ok: true, value: ms });
    expect(formatServerDate(ms, 8)).toBe('2020-05-09 08:00:00');
    expect(dateParam({ startDate: '2020-02-30 00:00:00' }, 'startDate', 0)).toMatchObject({ ok: false, detail: expect.stringContaining('not a real date') });
    expect(dateParam({ startDate: '2020-05-09T00:00:00' }, 'startDate', 0)).toMatchObject({ ok: false });
    expect(dateParam({}, 'startDate', 0)).toEqual({ ok: true, value: undefined });
  });
});

describe('signed-call authentication (§2, §7 item 2)', () => {
  const quirks = { timeWindowMs: 30_000, acceptUppercaseHex: false, emptyValueRule: 'skip' as const };
  const secrets = (k: string) => (k === 'demoKey123' ? 'demoSecret456' : undefined);
  const now = 1_575_000_000_000;
  const signed = (p: Record<string, string>) => ({ ...p, sign: signV1(p, 'demoSecret456') });

  it('accepts a good signature and returns the key', () => {
    expect(authenticate(signed({ api_key: 'demoKey123', time: String(now) }), secrets, now, quirks)).toEqual({ ok: true, value: 'demoKey123' });
  });

  it('answers 100004 for a missing api_key, time or sign', () => {
    for (const drop of ['api_key', 'time', 'sign']) {
      const p: Record<string, string> = signed({ api_key: 'demoKey123', time: String(now) });
      delete p[drop];
      expect(authenticate(p, secrets, now, quirks)).toMatchObject({ ok: false, error: 'paramIllegal', detail: `${drop}: missing` });
    }
  });

  it('enforces the ±30 s window and its configured width', () => {
    const p = signed({ api_key: 'demoKey123', time: String(now - 30_001) });
    expect(authenticate(p, secrets, now, quirks)).toMatchObject({ ok: false, error: 'paramIllegal', detail: expect.stringContaining('time:') });
    expect(authenticate(p, secrets, now, { ...quirks, timeWindowMs: 60_000 })).toMatchObject({ ok: true });
    expect(authenticate(signed({ api_key: 'demoKey123', time: String(now + 29_000) }), secrets, now, quirks)).toMatchObject({ ok: true });
  });

  it('answers 100005 for an unknown key or a wrong signature', () => {
    expect(authenticate(signed({ api_key: 'nope', time: String(now) }), secrets, now, quirks)).toMatchObject({ error: 'signIllegal' });
    const p = signed({ api_key: 'demoKey123', time: String(now) });
    expect(authenticate({ ...p, time: String(now + 1) }, secrets, now, quirks)).toMatchObject({ error: 'signIllegal' });
  });
});
