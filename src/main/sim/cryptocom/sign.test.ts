import { createHash, createHmac } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { signingBuffer, signV1, verifyV1Signature } from './sign';

// specs/cryptocom-v1.md §2 worked examples (made-up credentials).
const A = { api_key: 'demoKey123', time: '1575000000000' };
const B = { api_key: 'demoKey123', time: '1575000000000', symbol: 'ethusdt', side: 'BUY', type: '1', volume: '0.5', price: '150.25' };
const C = { api_key: 'mZhlB7z8dDXXdL74uwoIoqAtPQSpY6Mk', time: '1573789761928' };
const D = { api_key: 'demoKey123', time: '1575000000000', symbol: 'ethusdt', page: '' };
const strict = { acceptUppercaseHex: false, emptyValueRule: 'skip' as const };

describe('V1 signing (§2)', () => {
  it('reproduces worked example A (/v1/account)', () => {
    expect(signingBuffer(A)).toBe('api_keydemoKey123time1575000000000');
    expect(signV1(A, 'demoSecret456')).toBe('d17ccc22cb754af132e92842019d33a585c62f3760cbad9cf8c6ec24f883d8a9');
  });

  it('reproduces worked example B with names sorted in byte order', () => {
    expect(signingBuffer(B)).toBe('api_keydemoKey123price150.25sideBUYsymbolethusdttime1575000000000type1volume0.5');
    expect(signV1(B, 'demoSecret456')).toBe('29bbd8458379af6d8b9100e9f1556ce913fb8186cc5e890b8c3275020906a641');
  });

  it('reproduces worked example C (the official page inputs)', () => {
    expect(signV1(C, 'qg7fPyVj43tvfWBX83pSB7s8ZajHD1ve')).toBe('566812d7cddd99c796516ca2071db0fc8aaaa35a37c276b43b8188e1a930d4ca');
  });

  it('skips empty values under the official rule and keeps the name under the S7 rule (example D)', () => {
    expect(signV1(D, 'demoSecret456')).toMatch(/^a02e8530.*0b73$/);
    expect(signingBuffer(D, 'keep-name')).toBe('api_keydemoKey123pagesymbolethusdttime1575000000000');
    expect(signV1(D, 'demoSecret456', 'keep-name')).toMatch(/^10960e58.*1d02$/);
  });

  it('sorts page before pageSize (plain byte order)', () => {
    expect(signingBuffer({ pageSize: '2', page: '1', Zed: 'x' })).toBe('Zedxpage1pageSize2');
  });

  it('leaves `sign` out of the buffer', () => {
    expect(signingBuffer({ ...A, sign: 'whatever' })).toBe(signingBuffer(A));
  });

  it('accepts the correct lowercase signature and rejects the wrong variants', () => {
    const good = signV1(B, 'demoSecret456');
    expect(verifyV1Signature({ ...B, sign: good }, 'demoSecret456', strict)).toBe(true);
    // uppercase hex: unknown server behaviour, rejected unless switched on
    expect(verifyV1Signature({ ...B, sign: good.toUpperCase() }, 'demoSecret456', strict)).toBe(false);
    expect(verifyV1Signature({ ...B, sign: good.toUpperCase() }, 'demoSecret456', { ...strict, acceptUppercaseHex: true })).toBe(true);
    // unsorted concatenation (S13)
    const unsorted = Object.entries(B).map(([k, v]) => k + v).join('');
    const unsortedSign = createHash('sha256').update(unsorted + 'demoSecret456').digest('hex');
    expect(verifyV1Signature({ ...B, sign: unsortedSign }, 'demoSecret456', strict)).toBe(false);
    // secret not appended
    const noSecret = createHash('sha256').update(signingBuffer(B)).digest('hex');
    expect(verifyV1Signature({ ...B, sign: noSecret }, 'demoSecret456', strict)).toBe(false);
    // HMAC instead of plain SHA-256
    const hmac = createHmac('sha256', 'demoSecret456').update(signingBuffer(B)).digest('hex');
    expect(verifyV1Signature({ ...B, sign: hmac }, 'demoSecret456', strict)).toBe(false);
    // not hex at all, and a missing sign
    expect(verifyV1Signature({ ...B, sign: 'zz' }, 'demoSecret456', strict)).toBe(false);
    expect(verifyV1Signature(B, 'demoSecret456', strict)).toBe(false);
  });

  it('rejects the S7 empty-name style under the official rule, and accepts it when switched', () => {
    const s7 = signV1(D, 'demoSecret456', 'keep-name');
    expect(verifyV1Signature({ ...D, sign: s7 }, 'demoSecret456', strict)).toBe(false);
    expect(verifyV1Signature({ ...D, sign: s7 }, 'demoSecret456', { ...strict, emptyValueRule: 'keep-name' })).toBe(true);
    expect(verifyV1Signature({ ...D, sign: signV1(D, 'demoSecret456') }, 'demoSecret456', strict)).toBe(true);
  });
});
