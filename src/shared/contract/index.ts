import type { z } from 'zod';
import { accountsEvents, accountsInvoke } from './accounts';
import { alertsEvents, alertsInvoke } from './alerts';
import { appEvents, appInvoke } from './app';
import type { InvokeSpec } from './define';
import { marketEvents, marketInvoke } from './market';
import { ordersEvents, ordersInvoke } from './orders';
import { settingsEvents, settingsInvoke } from './settings';
import { simInvoke } from './sim';
import { statusEvents, statusInvoke } from './status';

export * from './accounts';
export * from './alerts';
export * from './app';
export * from './groups';
export * from './market';
export * from './orders';
export * from './settings';
export * from './sim';
export * from './status';
export type { InvokeSpec } from './define';

/** Every request/response channel, namespaced `domain:action`. */
export const invokeChannels = {
  ...appInvoke,
  ...accountsInvoke,
  ...marketInvoke,
  ...ordersInvoke,
  ...settingsInvoke,
  ...statusInvoke,
  ...alertsInvoke,
  ...simInvoke,
} as const satisfies Record<string, InvokeSpec>;

/** Every event channel (main → renderer). */
export const eventChannels = {
  ...appEvents,
  ...accountsEvents,
  ...marketEvents,
  ...ordersEvents,
  ...settingsEvents,
  ...statusEvents,
  ...alertsEvents,
} as const satisfies Record<string, z.ZodType>;

export type InvokeChannels = typeof invokeChannels;
export type InvokeChannel = keyof InvokeChannels;
export type EventChannels = typeof eventChannels;
export type EventChannel = keyof EventChannels;

/** What a caller passes (before defaults and transforms). */
export type RequestOf<C extends InvokeChannel> = z.input<InvokeChannels[C]['request']>;
/** What a handler receives, after validation. */
export type ParsedRequestOf<C extends InvokeChannel> = z.output<InvokeChannels[C]['request']>;
export type ResponseOf<C extends InvokeChannel> = z.output<InvokeChannels[C]['response']>;
export type EventOf<E extends EventChannel> = z.output<EventChannels[E]>;
/** Receives every event the engine pushes; the shell forwards them to windows, the host to sockets. */
export type EventSink = <E extends EventChannel>(channel: E, payload: EventOf<E>) => void;

export function isInvokeChannel(channel: string): channel is InvokeChannel {
  return Object.hasOwn(invokeChannels, channel);
}

export function isEventChannel(channel: string): channel is EventChannel {
  return Object.hasOwn(eventChannels, channel);
}
