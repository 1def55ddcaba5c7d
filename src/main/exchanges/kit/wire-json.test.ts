import { describe, expect, it } from 'vitest';
import { parseWsMessage } from '../cryptocom/stream-protocol';
import { parseEnvelope } from '../cryptocom/errors';
import { parseJson } from './wire';
import { WireError } from './wire-decimal';
import { jsonDepthExceeds, parseWireJson, WIRE_JSON_MAX_DEPTH } from './wire-json';

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
// The fuzz suite's deep-nesting attack: a huge nested value as the first member of a real frame.
const depthFrame = (inner: string) => `{"deep":${inner},"channel":"market_btcusdt_depth_step0","ts":1,"tick":{"asks":[["2","1"]],"buys":[["1","1"]]}}`;

describe('exchange JSON nesting bound (issue 12)', () => {
  it('counts nesting outside strings only', () => {
    expect(jsonDepthExceeds(deep(WIRE_JSON_MAX_DEPTH))).toBe(false);
    expect(jsonDepthExceeds(deep(WIRE_JSON_MAX_DEPTH + 1))).toBe(true);
    expect(jsonDepthExceeds(`{"a":"${'['.repeat(1000)}\\"${'{'.repeat(100)}"}`)).toBe(false);
  });

  it('refuses a deep value as a WireError naming the field', () => {
    expect(() => parseWireJson(deep(100_000), 'tickers')).toThrow(new WireError('tickers', `nested deeper than ${WIRE_JSON_MAX_DEPTH} levels`));
    expect(parseWireJson('{"a":[[1]]}', 'x')).toEqual({ a: [[1]] });
  });

  it('drops a Crypto.com depth push carrying a deep value instead of parsing it', () => {
    expect(parseWsMessage(depthFrame('[]')).kind).toBe('depth');
    expect(() => parseWsMessage(depthFrame(deep(100_000)))).toThrow(WireError);
  });

  it('refuses deep Icrypex frames and Crypto.com REST bodies', () => {
    expect(() => parseJson(`{"deep":${deep(100_000)}}`, 'ticker')).toThrow(/ticker: nested deeper/);
    const reply = parseEnvelope(200, `{"code":"0","msg":"suc","data":${deep(100_000)}}`, '/open/api/v2/market/ticker');
    expect(reply.ok).toBe(false);
  });
});
