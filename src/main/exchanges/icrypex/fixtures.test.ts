import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../book';
import { BookSync } from './book-sync';
import { httpError } from './errors';
import { channelDataRequestFrame, channels, parseFrame, subscribeFrame } from './frames';
import { mapRestBook } from './map-public';
import { bool, obj, parseJson, WireError } from './wire';

// Recorded live captures (tests/fixtures/icrypex-live/README.md has their provenance).
const DIR = fileURLToPath(new URL('../../../../tests/fixtures/icrypex-live/', import.meta.url));
const read = (name: string) => readFileSync(DIR + name, 'utf8').trim();

describe('icrypex live fixtures', () => {
  it('has a test below for every captured file', () => {
    const files = readdirSync(DIR).filter((f) => f !== 'README.md').sort();
    expect(files).toEqual(Object.keys(CHECKS).sort());
  });

  const CHECKS: Record<string, () => void> = {
    'doc-error-model-market-disabled.json': () => {
      const e = httpError(422, read('doc-error-model-market-disabled.json'), 'placing an order').error;
      expect(e.code).toBe('EXCHANGE_REJECTED');
      expect(e.message).toContain('BTCUSDT market is in Cancel Only mode');
    },
    'rest-future-info.json': () => {
      // Not used by the spot connector; it must still read as the JSON it is.
      expect(bool(obj(parseJson(read('rest-future-info.json'), 'future/info'), 'future/info').isFutureEnable, 'isFutureEnable')).toBe(true);
    },
    'rest-orderbook-missing-symbol-500.json': () => {
      const e = httpError(500, read('rest-orderbook-missing-symbol-500.json'), 'the order book').error;
      expect([e.code, e.retryable]).toEqual(['EXCHANGE_UNAVAILABLE', true]);
      expect(e.message).toContain('Teknik bir hata meydana geldi.');
    },
    'rest-orderbook-unknown-symbol.json': () => {
      const book = mapRestBook(JSON.parse(read('rest-orderbook-unknown-symbol.json')), 'NOPEUSDT', 1);
      expect(book).toMatchObject({ symbol: 'NOPEUSDT', bids: [], asks: [], stale: false });
    },
    'ws-client-channel-data-request.txt': () => {
      expect(channelDataRequestFrame(channels.book('ETHUSDT/P'))).toBe(read('ws-client-channel-data-request.txt'));
    },
    'ws-client-subscribe.txt': () => {
      expect(subscribeFrame(channels.book('BTCUSDT'))).toBe(read('ws-client-subscribe.txt'));
    },
    'ws-obd-row-remove-with-last-qty.json': () => {
      const row = read('ws-obd-row-remove-with-last-qty.json');
      const sync = new BookSync('ETHUSDT', new OrderBook());
      sync.snapshot(1, [['2791.3', '72.86179671'], ['2791', '1']], [['2800', '1']]);
      expect(sync.diff(2, parseObdRows(row), [])).toBe('applied');
      // §8.4: t=3 removes although q repeats the old quantity.
      expect(sync.top(10).bids).toEqual([['2791', '1']]);
    },
    'ws-orderbook-snapshot-btcusdt-p.txt': () => {
      const f = parseFrame(read('ws-orderbook-snapshot-btcusdt-p.txt'));
      expect(f).toMatchObject({ type: 'orderbook', symbol: 'BTCUSDT/P', cs: 957741, asks: [['87107', '1.81882158'], ['87130.4', '0.68289062']] });
    },
    'ws-obd-window-refill-btcusdt-p.txt': () => {
      const f = parseFrame(read('ws-obd-window-refill-btcusdt-p.txt'));
      expect(f).toMatchObject({ type: 'obd', cs: 957742, bids: [{ price: '86762.1', kind: 3 }, { price: '57670.8', kind: 1 }] });
    },
    'ws-obd-update-btcusdt-p.txt': () => {
      const f = parseFrame(read('ws-obd-update-btcusdt-p.txt'));
      expect(f).toMatchObject({ type: 'obd', cs: 957746, asks: [{ price: '87107', quantity: '1.79023467', kind: 2 }], bids: [] });
      // Played as captured, snapshot 957741 -> 957742 -> 957746 is a real gap the sync must catch.
      const sync = new BookSync('BTCUSDT/P', new OrderBook());
      const snap = parseFrame(read('ws-orderbook-snapshot-btcusdt-p.txt'));
      const refill = parseFrame(read('ws-obd-window-refill-btcusdt-p.txt'));
      if (snap.type !== 'orderbook' || refill.type !== 'obd' || f.type !== 'obd') throw new Error('fixture types');
      sync.snapshot(snap.cs, snap.bids, snap.asks);
      expect(sync.diff(refill.cs, refill.bids, refill.asks)).toBe('applied');
      expect(sync.top(5).bids).toEqual([['87097', '0.55150499'], ['87075.3', '0.66709271'], ['57670.8', '0.0017712']]);
      expect(sync.diff(f.cs, f.bids, f.asks)).toBe('gap');
      expect(sync.state).toBe('stale');
    },
    'ws-subscribe-response-ack.txt': () => {
      expect(parseFrame(read('ws-subscribe-response-ack.txt'))).toEqual({ type: 'subscribe-response', channel: 'orderbook@btcusdt/p', accepted: true });
    },
    'ws-subscribe-response-duplicate.txt': () => {
      expect(parseFrame(read('ws-subscribe-response-duplicate.txt'))).toEqual({ type: 'subscribe-response', channel: 'orderbook@btcusdt/p', accepted: false });
    },
    'ws-ticker-btcusdt-p.txt': () => {
      expect(parseFrame(read('ws-ticker-btcusdt-p.txt'))).toEqual({
        type: 'ticker',
        tickers: [{ exchange: 'icrypex', symbol: 'BTCUSDT/P', last: '87130.4', ask: '87107', bid: '87097', high: '87280.3', low: '85059.3', changeRatio: 0.019, volume: '326.62215424' }],
      });
    },
    'ws-trade-btcusdt-p.txt': () => {
      const f = parseFrame(read('ws-trade-btcusdt-p.txt'));
      expect(f).toMatchObject({ type: 'trades', snapshot: false, trades: [{ symbol: 'BTCUSDT/P', side: 'buy', price: '87107', quantity: '0.02858691', time: 1790138784000 }] });
    },
    'ws-unknown-and-malformed-input.json': () => {
      const inputs = JSON.parse(read('ws-unknown-and-malformed-input.json')) as { sent: string }[];
      expect(inputs.length).toBeGreaterThan(0);
      for (const { sent } of inputs) {
        // Client frames seen as server frames: either a typed frame or a WireError, never a crash.
        const frame = sent.replace(/ \(.*\)$/, '');
        try {
          const f = parseFrame(frame);
          expect(f.type).toBe('ignored');
        } catch (e) {
          expect(e).toBeInstanceOf(WireError);
        }
      }
    },
  };

  for (const [file, check] of Object.entries(CHECKS)) it(`parses ${file}`, check);
});

function parseObdRows(row: string) {
  const f = parseFrame(`obd|{"ps":"ETHUSDT","cs":2,"a":[],"b":[${row}]}`);
  if (f.type !== 'obd') throw new Error('not an obd frame');
  return f.bids;
}
