import { describe, expect, it } from 'vitest';
import { signingKey } from '../../secrets';
import { authFrame, paramString, signature, signedBody, signingPayload } from './sign';

// specs/cryptocom-exchange.md §2.3: worked examples A-E (made-up credentials) are the vectors.
const key = signingKey({ apiKey: 'demoKey123', apiSecret: 'demoSecret456' });
const NONCE = 1700000000000;

describe('Crypto.com Exchange signing (§2)', () => {
  it('A: a create-order signs sorted keys, the exec_inst array concatenated, and builds the documented body', () => {
    const params = { instrument_name: 'BTC_USDT', side: 'BUY', type: 'LIMIT', price: '50000.5', quantity: '0.0015', client_oid: 'my-oid-0001', time_in_force: 'GOOD_TILL_CANCEL', exec_inst: ['POST_ONLY'] };
    expect(signingPayload('private/create-order', 11, 'demoKey123', params, NONCE)).toBe(
      'private/create-order11demoKey123client_oidmy-oid-0001exec_instPOST_ONLYinstrument_nameBTC_USDTprice50000.5quantity0.0015sideBUYtime_in_forceGOOD_TILL_CANCELtypeLIMIT1700000000000',
    );
    expect(signature(key, 'private/create-order', 11, params, NONCE)).toBe('7510d652d962f198c4af6b50b3e33a385168309bfad43120892c303a1ba50af4');
    expect(signedBody(key, 'private/create-order', 11, params, NONCE)).toBe(
      '{"id":11,"method":"private/create-order","api_key":"demoKey123","params":{"instrument_name":"BTC_USDT","side":"BUY","type":"LIMIT","price":"50000.5","quantity":"0.0015","client_oid":"my-oid-0001","time_in_force":"GOOD_TILL_CANCEL","exec_inst":["POST_ONLY"]},"nonce":1700000000000,"sig":"7510d652d962f198c4af6b50b3e33a385168309bfad43120892c303a1ba50af4"}',
    );
  });

  it('B: public/auth on the user socket signs method, id, key and nonce only', () => {
    expect(signingPayload('public/auth', 1, 'demoKey123', undefined, NONCE)).toBe('public/auth1demoKey1231700000000000');
    const frame = JSON.parse(authFrame(key, 1, NONCE)) as Record<string, unknown>;
    expect(frame).toEqual({ id: 1, method: 'public/auth', api_key: 'demoKey123', sig: '04cca6a5150743bd1fc3998b77e6a95e7b2d534dda2621bc0cee6913307f45bf', nonce: NONCE });
  });

  it('C: the official examples (string id and nonce, the Java public/auth)', () => {
    const token = signingKey({ apiKey: 'token', apiSecret: 'secretKey' });
    expect(signingPayload('private/get-order-detail', '11', 'token', { order_id: '53287421324' }, '1587846358253')).toBe('private/get-order-detail11tokenorder_id532874213241587846358253');
    expect(signature(token, 'private/get-order-detail', '11', { order_id: '53287421324' }, '1587846358253')).toBe('02ef0a52c9428e5d3dcc5dd24d534ca39ef73f35acd3f6945f139a2364ef67a9');
    expect(signature(token, 'public/auth', 11, undefined, 1589594102779)).toBe('9dcebf6eeec155f829227ee447dee73120e0aead42fab74d38ed5d8271793dc8');
  });

  it('D: integer params as digits, an array of objects as its objects concatenated', () => {
    const history = { instrument_name: 'BTC_USDT', limit: 20, start_time: '1699990000000000000', end_time: '1700000000000000000' };
    expect(signature(key, 'private/get-order-history', 12, history, NONCE)).toBe('76c0e4a1fe28b368ab1d23e1a8dda7651885318c487c034752bd17f54060e329');
    const list = { contingency_type: 'LIST', order_list: [{ instrument_name: 'BTC_USDT', order_id: '6530219599901000701' }, { instrument_name: 'ETH_USDT', order_id: '6530219599901000702' }] };
    expect(paramString(list)).toBe('contingency_typeLISTorder_listinstrument_nameBTC_USDTorder_id6530219599901000701instrument_nameETH_USDTorder_id6530219599901000702');
    expect(signature(key, 'private/cancel-order-list', 13, list, NONCE)).toBe('3e80597f7e7315255c706ca3f7a379feeb120234a708d7c6bc9dacddab6e27ae');
  });

  it('E: empty params add nothing to the payload', () => {
    expect(signingPayload('private/user-balance', 14, 'demoKey123', {}, NONCE)).toBe('private/user-balance14demoKey1231700000000000');
    expect(signature(key, 'private/user-balance', 14, {}, NONCE)).toBe('91c31694f6abcd0d5143ed21adc4c0a3ec7bd55b77635d85e2df502e2d802784');
  });

  it('writes booleans, null, nested objects and arrays of strings per §2.1; undefined keys are neither signed nor sent', () => {
    expect(paramString({ b: true, a: false, n: null, nested: { z: '1', y: ['P', 'Q'] } })).toBe('afalsebtruennullnestedyPQz1');
    const body = JSON.parse(signedBody(key, 'private/cancel-all-orders', 15, { instrument_name: undefined, type: 'ALL' }, NONCE)) as { params: object };
    expect(body.params).toEqual({ type: 'ALL' });
    expect(signingPayload('m', 1, 'k', { instrument_name: undefined, type: 'ALL' }, 2)).toBe('m1ktypeALL2');
  });

  it('refuses a float parameter rather than signing its binary rounding', () => {
    expect(() => paramString({ price: 0.1 })).toThrow(/safe integer/);
  });
});
