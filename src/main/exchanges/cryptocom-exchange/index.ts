import type { ConnectorFactory } from '../connector';
import { CdxConnector, type CdxOptions } from './connector';

export { CdxConnector, type CdxOptions } from './connector';
export { CDX, CDX_MARKET_WS_URL, CDX_REST_URL, CDX_USER_WS_URL } from './endpoints';

/** The Crypto.com Exchange API v1 connector (specs/cryptocom-exchange.md). */
export const createCdxConnector: ConnectorFactory = (options) => new CdxConnector(options as CdxOptions);
