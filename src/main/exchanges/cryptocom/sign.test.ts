import { describe, expect, it } from 'vitest';
import { signedForm, signingPayload, signV1 } from './sign';
import { signingKey } from '../../secrets';
/** The secret as the signer holds it (a KeyObject). */
const secretOf = (secret: string) => signingKey({ apiKey: '', apiSecret: secret }).secret;

// specs/cryptocom-v1.md §2 "Worked examples" A-D are the test vectors (made-up credentials).
const KEY = 'demoKey123';
const SECRET = 'demoSecret456';
const TIME = '1575000000000';

describe('Crypto.com V1 signing (§2)', () => {
  it('example A: account call signs api_key and time only', () => {
    const params = { api_key: KEY, time: TIME };
    expect(signingPayload(params)).toBe('api_keydemoKey123time1575000000000');
    expect(signV1(params, secretOf(SECRET))).toBe('d17ccc22cb754af132e92842019d33a585c62f3760cbad9cf8c6ec24f883d8a9');
  });

  it('example B: a limit buy sorts the names and builds the documented body', () => {
    const params = { api_key: KEY, time: TIME, symbol: 'ethusdt', side: 'BUY', type: '1', volume: '0.5', price: '150.25' };
    expect(signingPayload(params)).toBe('api_keydemoKey123price150.25sideBUYsymbolethusdttime1575000000000type1volume0.5');
    const digest = '29bbd8458379af6d8b9100e9f1556ce913fb8186cc5e890b8c3275020906a641';
    expect(signV1(params, secretOf(SECRET))).toBe(digest);
    const form = signedForm({ symbol: 'ethusdt', side: 'BUY', type: '1', volume: '0.5', price: '150.25' }, signingKey({ apiKey: KEY, apiSecret: SECRET }), 1575000000000);
    expect(form.body).toBe(`api_key=demoKey123&price=150.25&side=BUY&symbol=ethusdt&time=1575000000000&type=1&volume=0.5&sign=${digest}`);
    expect(form.params.sign).toBe(digest);
  });

  it('example C: the official inputs give the digest computed in the spec', () => {
    const params = { api_key: 'mZhlB7z8dDXXdL74uwoIoqAtPQSpY6Mk', time: '1573789761928' };
    expect(signV1(params, secretOf('qg7fPyVj43tvfWBX83pSB7s8ZajHD1ve'))).toBe('566812d7cddd99c796516ca2071db0fc8aaaa35a37c276b43b8188e1a930d4ca');
  });

  it('example D: an empty value is skipped (official rule), not signed as a bare name (S7)', () => {
    const params = { api_key: KEY, time: TIME, symbol: 'ethusdt', page: '' };
    expect(signingPayload(params)).toBe('api_keydemoKey123symbolethusdttime1575000000000');
    const digest = signV1(params, secretOf(SECRET));
    expect(digest.startsWith('a02e8530')).toBe(true);
    expect(digest.endsWith('0b73')).toBe(true);
    // The S7 style would have produced 10960e58…1d02: prove we are not doing that.
    expect(digest.startsWith('10960e58')).toBe(false);
  });

  it('excludes sign from its own input and emits lowercase hex', () => {
    const withSign = signV1({ api_key: KEY, time: TIME, sign: 'ffff' }, secretOf(SECRET));
    expect(withSign).toBe(signV1({ api_key: KEY, time: TIME }, secretOf(SECRET)));
    expect(withSign).toMatch(/^[0-9a-f]{64}$/);
  });

  it('uses plain byte order: page < pageSize, sort < startDate < symbol', () => {
    const payload = signingPayload({ symbol: 's', startDate: 'd', sort: '1', pageSize: '10', page: '2' });
    expect(payload).toBe('page2pageSize10sort1startDatedsymbols');
  });

  it('never sends an empty parameter, and keeps a value of 0 in both signature and body', () => {
    const form = signedForm({ symbol: 'crousdt', page: '', pageSize: undefined, fee_is_user_exchange_coin: '0' }, signingKey({ apiKey: KEY, apiSecret: SECRET }), 1575000000000);
    expect(form.body).not.toMatch(/(^|&)page=/);
    expect(form.body).not.toMatch(/pageSize/);
    expect(form.body).toContain('fee_is_user_exchange_coin=0');
    expect(signingPayload(form.params)).toContain('fee_is_user_exchange_coin0');
    expect(form.params.sign).toBe(signV1({ api_key: KEY, time: TIME, symbol: 'crousdt', fee_is_user_exchange_coin: '0' }, secretOf(SECRET)));
  });

  it('signs a date raw (with its space) and URL-encodes it only in the body', () => {
    const form = signedForm({ symbol: 'btcusdt', startDate: '2020-05-09 00:00:00' }, signingKey({ apiKey: KEY, apiSecret: SECRET }), 1575000000000);
    expect(signingPayload(form.params)).toContain('startDate2020-05-09 00:00:00');
    expect(form.body).toContain('startDate=2020-05-09+00%3A00%3A00');
    const decoded = Object.fromEntries(new URLSearchParams(form.body));
    expect(signV1(decoded, secretOf(SECRET))).toBe(form.params.sign);
  });
});
