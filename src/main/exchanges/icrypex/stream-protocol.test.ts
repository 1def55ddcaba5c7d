import { describe, expect, it } from 'vitest';
import { channelDataRequestFrame, channels, parseFrame, splitFrame, subscribeFrame } from './stream-protocol';
import { WireError } from '../kit/wire';

describe('WS framing (§8.1)', () => {
  it('splits on the first bar only', () => {
    expect(splitFrame('ticker|{"ps":"A|B"}')).toEqual({ type: 'ticker', body: '{"ps":"A|B"}' });
    expect(splitFrame('hello')).toBeUndefined();
  });

  it('builds subscribe and channel names in lower case with @', () => {
    expect(subscribeFrame(channels.book('BTCUSDT'))).toBe('subscribe|{"c":"orderbook@btcusdt","s":true}');
    expect(subscribeFrame(channels.trades('ETHUSDT'), false)).toBe('subscribe|{"c":"trade@ethusdt","s":false}');
    expect(channels.candles('BTCUSDT', '1d')).toBe('tradingview@btcusdt_1d');
    expect(channelDataRequestFrame('orderbook@btcusdt')).toBe('channel-data-request|{"c":"orderbook@btcusdt"}');
  });

  it('parses obd rows with their kind and refuses an unknown kind', () => {
    const f = parseFrame('obd|{"ps":"btcusdt","cs":5,"a":[{"p":"1","q":"2","t":1}],"b":[]}');
    expect(f).toEqual({ type: 'obd', symbol: 'BTCUSDT', cs: 5, asks: [{ price: '1', quantity: '2', kind: 1 }], bids: [] });
    const bad = parseFrame('obd|{"ps":"X","cs":5,"a":[{"p":"1","q":"2","t":9}],"b":[]}');
    expect(bad).toMatchObject({ type: 'book-suspect', symbol: 'X', error: { message: expect.stringMatching(/obd\.a\[0\]\.t/) } });
  });

  it('parses the tickers frame {t:[...]} and candle frames', () => {
    const t = parseFrame('tickers|{"t":[{"ps":"BTCUSDT","p":"1","a":"2","b":"0.5","h":"3","l":"0.1","g":"1","cp":"-2.5","cq":"1","v":"9"}]}');
    expect(t).toMatchObject({ type: 'ticker', tickers: [{ symbol: 'BTCUSDT', changeRatio: -0.025, bid: '0.5' }] });
    const c = parseFrame('candle|{"ps":"BTCUSDT","e":"btcusdt_5","d":1700000100,"r":5,"o":"1","c":"2","h":"3","l":"0.5","v":"7"}');
    expect(c).toEqual({ type: 'candle', symbol: 'BTCUSDT', resolutionMinutes: 5, candle: { time: 1700000100, open: 1, close: 2, high: 3, low: 0.5, volume: 7 } });
  });

  it('parses the trades snapshot oldest first', () => {
    const f = parseFrame('trades|{"ps":"BTCUSDT","ts":[{"d":20,"p":"2","q":"1","s":1},{"d":10,"p":"1","q":"1","s":0}]}');
    expect(f).toMatchObject({ type: 'trades', snapshot: true, trades: [{ price: '1', side: 'buy' }, { price: '2', side: 'sell' }] });
  });

  it('reads api-auth and returns web-app types as ignored', () => {
    expect(parseFrame('api-auth|{"v":true}')).toEqual({ type: 'api-auth', ok: true });
    expect(parseFrame('api-auth|{"v":false}')).toEqual({ type: 'api-auth', ok: false });
    expect(parseFrame('market|{"a":[]}')).toEqual({ type: 'ignored', name: 'market' });
  });

  it('throws WireError (never anything else) on garbage', () => {
    for (const bad of ['hello', 'obd|notjson', 'orderbook|[]', 'trade|{"ps":"X"}', '|{}']) {
      expect(() => parseFrame(bad), bad).toThrow(WireError);
    }
  });
});
