import { eventChannels, ok, type EventChannel } from '../../src/shared';
import type { ExchangeConnector } from '../../src/main/exchanges/connector';
import { createHandle, type Handle } from '../../src/main/ipc/handle';
import { MarketService, marketHandlers, StatusService, statusHandlers } from '../../src/main/market';

export interface ContractRig {
  /** handle() with the market:* and status:* handlers, replies checked against their schemas. */
  handle: Handle;
  /** Every pushed event, in order. */
  events: Array<{ channel: EventChannel; payload: unknown }>;
  /** One line per pushed event that failed its schema (expect it to stay empty). */
  bad: string[];
  logs: string[];
  stop(): void;
}

/** One connector behind the generic contract handlers, the way the engine serves panes. */
export function contractRig(connector: ExchangeConnector): ContractRig {
  const events: ContractRig['events'] = [];
  const bad: string[] = [];
  const logs: string[] = [];
  const emit = <E extends EventChannel>(channel: E, payload: unknown) => {
    const checked = eventChannels[channel].safeParse(payload);
    if (!checked.success) bad.push(`${channel}: ${checked.error.issues[0]?.path.join('.')} ${checked.error.issues[0]?.message}`);
    events.push({ channel, payload });
  };
  const market = new MarketService({ connectorFor: () => ok(connector), emit });
  const status = new StatusService({ connectors: () => [connector], emit });
  const handle = createHandle({
    handlers: { ...marketHandlers(market), ...statusHandlers(status) },
    isTrustedSender: () => true,
    checkResponses: true,
    log: (line) => logs.push(line),
  });
  return {
    handle,
    events,
    bad,
    logs,
    stop: () => {
      market.stop();
      status.stop();
    },
  };
}
