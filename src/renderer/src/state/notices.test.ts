import { describe, expect, it } from 'vitest';
import { app, notifyEvent } from './app-state';

describe('engine notifications as toasts', () => {
  it('one order filling in pieces keeps one toast, the newest, and other orders keep theirs', () => {
    app.set({ notices: [] });
    notifyEvent('ok', 'Partly filled: BUY BTCUSDT 0.001', '0.001 of 0.003 filled · order 7', 'partial-fill', 'order|a|7');
    notifyEvent('ok', 'Partly filled: BUY BTCUSDT 0.002', '0.002 of 0.005 filled · order 8', 'partial-fill', 'order|a|8');
    notifyEvent('ok', 'Partly filled: BUY BTCUSDT 0.001', '0.002 of 0.003 filled · order 7', 'partial-fill', 'order|a|7');
    notifyEvent('ok', 'Filled: BUY BTCUSDT 0.003', 'order 7', 'fill', 'order|a|7');
    expect(app.get().notices.map((n) => [n.group, n.text])).toEqual([
      ['order|a|8', 'Partly filled: BUY BTCUSDT 0.002'],
      ['order|a|7', 'Filled: BUY BTCUSDT 0.003'],
    ]);
  });

  it('notifications without a subject (price alerts) each keep their own toast', () => {
    app.set({ notices: [] });
    notifyEvent('info', 'Alert: BTCUSDT above 90000', 'fired once', 'alert');
    notifyEvent('info', 'Alert: ETHUSDT below 3000', 'fired once', 'alert');
    expect(app.get().notices.map((n) => n.text)).toEqual(['Alert: BTCUSDT above 90000', 'Alert: ETHUSDT below 3000']);
  });
});
