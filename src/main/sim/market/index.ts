/** A live market without anyone trading (issue 3 point 4). */
export { SyntheticMarket, MAKER_ACCOUNT, TAKER_ACCOUNT, type SyntheticMarketOptions } from './synthetic';
export { DEFAULT_PROFILES, defaultMarkets, type MarketProfile } from './catalog';
