import { OrderBook } from '../../book';
import type { ConnectorFactory } from '../connector';
import { IcrypexConnector, type IcrypexConnectorOptions } from './connector';
import { resilientSocketFactory } from './resilient-adapter';

export { IcrypexConnector, icrypexIpLimiter, type IcrypexConnectorOptions } from './connector';
export { DEFAULT_REST_URL, DEFAULT_WS_URL, DEFAULT_PATHS, type IcrypexPaths } from './endpoints';
export { icrypexSignature, signedHeaders, apiLoginFrame } from './sign';

/** The Icrypex connector on the shared networking and order-book pieces. */
export const createIcrypexConnector: ConnectorFactory = (options) => createIcrypexConnectorWith(options);

/** Same, with the Icrypex-specific knobs (path variants, timeouts, poll periods) for tests and tuning. */
export function createIcrypexConnectorWith(options: IcrypexConnectorOptions): IcrypexConnector {
  return new IcrypexConnector(options, {
    socketFactory: (clock, log, timing) => resilientSocketFactory(clock, log, timing),
    newBook: () => new OrderBook(),
  });
}
