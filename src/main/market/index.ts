export { StreamHub, type StreamHubOptions } from './hub';
export { MarketSources, type MarketSource, type MarketSourcesOptions } from './market-sources';
export { MarketService, marketHandlers, DEFAULT_CANDLES, MAX_CANDLES, type MarketServiceOptions } from './market-service';
export { StatusService, statusHandlers, type StatusServiceOptions } from './status-service';
