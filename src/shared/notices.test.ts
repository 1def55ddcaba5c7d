import { describe, expect, it } from 'vitest';
import pkg from '../../package.json';
import { noticesText, THIRD_PARTY_NOTICES, TRADINGVIEW_NOTICE, TRADINGVIEW_URL } from './notices';

describe('third-party notices', () => {
  it('name every runtime dependency and every library bundled into the window', () => {
    const named = THIRD_PARTY_NOTICES.flatMap((n) => n.name.split(/,\s*/));
    for (const dependency of [...Object.keys(pkg.dependencies), 'react', 'react-dom', 'lightweight-charts']) expect(named, dependency).toContain(dependency);
  });

  it("carry TradingView's attribution notice and link, as lightweight-charts' licence asks", () => {
    expect(TRADINGVIEW_NOTICE).toMatch(/TradingView Lightweight Charts.*TradingView, Inc\./);
    expect(TRADINGVIEW_URL).toBe('https://www.tradingview.com/');
    expect(noticesText()).toContain(TRADINGVIEW_NOTICE);
  });
});
