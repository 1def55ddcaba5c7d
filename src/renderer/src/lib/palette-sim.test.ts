import { describe, expect, it } from 'vitest';
import { parseCommand } from './palette-grammar';
import { isDemoOnly, SIM_EXAMPLES } from './palette-sim';

const fault = (line: string) => {
  const parsed = parseCommand(line);
  return parsed.ok ? parsed.command : parsed.message;
};

describe('palette sim commands (issue 18)', () => {
  it('reads the fault commands of docs/simulators.md', () => {
    expect(fault('sim drop sockets')).toEqual({ kind: 'sim', fault: { kind: 'drop-sockets' } });
    expect(fault('sim delay orders 5s')).toEqual({ kind: 'sim', fault: { kind: 'delay-orders', ms: 5000 } });
    expect(fault('sim delay orders 250ms')).toEqual({ kind: 'sim', fault: { kind: 'delay-orders', ms: 250 } });
    expect(fault('sim delay orders 2m')).toEqual({ kind: 'sim', fault: { kind: 'delay-orders', ms: 120_000 } });
    expect(fault('sim delay orders off')).toEqual({ kind: 'sim', fault: { kind: 'delay-orders', ms: 0 } });
    expect(fault('sim 500 next order')).toEqual({ kind: 'sim', fault: { kind: 'fail-orders', status: 500, count: 1 } });
    expect(fault('SIM 503 next 3 orders on Crypto.com')).toEqual({ kind: 'sim', fault: { kind: 'fail-orders', status: 503, count: 3 }, exchange: 'cryptocom' });
    expect(fault('sim fail next order on icrypex')).toEqual({ kind: 'sim', fault: { kind: 'fail-orders', status: 500, count: 1 }, exchange: 'icrypex' });
    for (const where of ['cryptocom-exchange', 'crypto.com exchange', 'cdx']) expect(fault(`sim gap book on ${where}`), where).toEqual({ kind: 'sim', fault: { kind: 'gap-book' }, exchange: 'cryptocom-exchange' });
    expect(fault('sim gap book')).toEqual({ kind: 'sim', fault: { kind: 'gap-book' } });
    expect(fault('sim gap book ethusdt')).toEqual({ kind: 'sim', fault: { kind: 'gap-book', symbol: 'ETHUSDT' } });
    expect(fault('sim bad frame')).toEqual({ kind: 'sim', fault: { kind: 'malformed-frame' } });
    expect(fault('sim stop heartbeats')).toEqual({ kind: 'sim', fault: { kind: 'stop-heartbeats' } });
    expect(fault('sim resume heartbeats')).toEqual({ kind: 'sim', fault: { kind: 'resume-heartbeats' } });
    expect(fault('sim reject signature')).toEqual({ kind: 'sim', fault: { kind: 'reject-signature' } });
    expect(fault('sim reset')).toEqual({ kind: 'sim', fault: { kind: 'reset' } });
    for (const example of SIM_EXAMPLES) expect(parseCommand(example).ok, example).toBe(true);
  });

  it('says what is wrong in the words the person typed', () => {
    expect(fault('sim')).toMatch(/^sim what\? drop sockets, delay orders 5s, 500 next order/);
    expect(fault('sim explode')).toMatch(/^sim what\?/);
    expect(fault('sim delay orders')).toBe('how long? e.g. sim delay orders 5s (or off)');
    expect(fault('sim delay orders soon')).toBe('"soon" is not a duration such as 5s, 500ms or 2m');
    expect(fault('sim delay orders 11m')).toBe('at most 10 minutes');
    expect(fault('sim 200 next order')).toBe('200 is not an HTTP error: use 400 to 599, e.g. sim 503 next order');
    expect(fault('sim 500 next candle')).toBe('which requests? e.g. sim 500 next order');
    expect(fault('sim 500 next 0 orders')).toBe('from 1 to 100 orders');
    expect(fault('sim gap book btc/usdt')).toBe('"btc/usdt" is not a market such as btcusdt');
    expect(fault('sim reset on binance')).toBe('on which exchange? on icrypex, on cryptocom or on cryptocom-exchange');
  });

  it('counts as demo mode only while every account is a demo account', () => {
    expect(isDemoOnly([{ mode: 'demo' }, { mode: 'demo' }])).toBe(true);
    expect(isDemoOnly([{ mode: 'demo' }, { mode: 'live' }])).toBe(false);
    expect(isDemoOnly([])).toBe(false);
  });
});
