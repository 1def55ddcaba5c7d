import { describe, expect, it } from 'vitest';
import { apiLoginFrame, icrypexSignature, InvalidSecretError, signedHeaders } from './sign';
import { signingKey } from '../../secrets';

// specs/icrypex.md §3 worked example (made-up credentials published in the spec).
const API_KEY = 'demoPublicKey123';
const SECRET = 'ZXhhbXBsZS1zZWNyZXQtYnl0ZXMtMDEyMzQ1Njc4OSE=';
const TS = 1_700_000_000_000;
const EXPECTED = 'wT+x3VhaiFs5p1fJXNqIniQZHA9bnZCMJvg/SJQtamY=';

describe('icrypex signing (spec §3)', () => {
  it('reproduces the worked example signature', () => {
    expect(icrypexSignature(signingKey({ apiKey: API_KEY, apiSecret: SECRET }), TS)).toBe(EXPECTED);
    expect(icrypexSignature(signingKey({ apiKey: API_KEY, apiSecret: SECRET }), String(TS))).toBe(EXPECTED);
  });

  it('does not produce the values of the common mistakes (text key, hex output)', () => {
    const sig = icrypexSignature(signingKey({ apiKey: API_KEY, apiSecret: SECRET }), TS);
    expect(sig).not.toBe('izs2dcIhw0q2U2LVP0OUDffdFnD2AGfsqL2yhJrPwAI=');
    expect(sig).not.toMatch(/^[0-9a-f]{64}$/);
  });

  it('builds the four ICX headers with ms timestamp and a nonce within 60000', () => {
    const headers = signedHeaders(signingKey({ apiKey: API_KEY, apiSecret: SECRET }), TS, 15_000);
    expect(headers).toEqual({
      'ICX-API-KEY': API_KEY,
      'ICX-SIGN': EXPECTED,
      'ICX-TS': '1700000000000',
      'ICX-NONCE': '15000',
      'Content-Type': 'application/json',
    });
    expect(signedHeaders(signingKey({ apiKey: API_KEY, apiSecret: SECRET }), TS, 900_000)['ICX-NONCE']).toBe('60000');
  });

  it('builds the api-login frame of the worked example', () => {
    expect(apiLoginFrame(signingKey({ apiKey: API_KEY, apiSecret: SECRET }), TS, 15_000)).toBe(
      `api-login|{"pk":"demoPublicKey123","s":"${EXPECTED}","ts":1700000000000,"n":15000}`,
    );
  });

  it('refuses a secret that is not base64 without echoing it', () => {
    const bad = 'not base64 at all!';
    expect(() => icrypexSignature(signingKey({ apiKey: API_KEY, apiSecret: bad }), TS)).toThrow(InvalidSecretError);
    try {
      icrypexSignature(signingKey({ apiKey: API_KEY, apiSecret: bad }), TS);
    } catch (e) {
      expect((e as Error).message).not.toContain(bad);
    }
  });
});
