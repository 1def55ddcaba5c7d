import type { Ticker } from '../../shared';
import type { ExchangeConnector, Unsubscribe } from '../exchanges/connector';

/**
 * Every market's 24 h ticker on one connector, for the watchlist: the REST snapshot first
 * (`tickers()`, one call for all markets), then each market's live ticker stream
 * (`watchTicker`, Icrypex `ticker@…` / Crypto.com `market_…_ticker`). Through the Connector
 * interface only, so it works the same on both exchanges. Answers the function that stops it.
 */
export function watchTickerBoard(connector: ExchangeConnector, onTickers: (tickers: Ticker[]) => void, log: (line: string) => void): Unsubscribe {
  let stopped = false;
  const stops: Unsubscribe[] = [];
  const live = new Set<string>();
  void (async () => {
    const [markets, snapshot] = await Promise.all([connector.markets(), connector.tickers()]);
    if (stopped) return;
    if (snapshot.ok) {
      // A live push that came first wins over the older snapshot.
      const fresh = snapshot.value.filter((t) => !live.has(t.symbol));
      if (fresh.length) onTickers(fresh);
    } else log(`watchlist: ticker snapshot failed: ${snapshot.error.message}`);
    if (!markets.ok) {
      log(`watchlist: market list failed: ${markets.error.message}`);
      return;
    }
    for (const market of markets.value) {
      if (market.status !== 'trading') continue;
      stops.push(
        connector.watchTicker(market.symbol, (ticker) => {
          if (stopped) return;
          live.add(ticker.symbol);
          onTickers([ticker]);
        }),
      );
    }
  })().catch((cause: unknown) => log(`watchlist: ${cause instanceof Error ? cause.message : String(cause)}`));
  return () => {
    stopped = true;
    for (const stop of stops.splice(0)) stop();
  };
}
