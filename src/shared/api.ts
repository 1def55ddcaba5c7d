import { eventChannels, invokeChannels, type EventChannel, type InvokeChannel } from './contract';
import { buildTerminalApi, type ChannelNames, type TerminalApi, type Transport } from './api-core';

export { buildTerminalApi, type ChannelNames, type TerminalApi, type Transport, type Unsubscribe } from './api-core';

/** The contract's channel names (the preload gets the same list from its build, without zod). */
export function channelNames(): ChannelNames {
  return { invoke: Object.keys(invokeChannels) as InvokeChannel[], events: Object.keys(eventChannels) as EventChannel[] };
}

/** Builds the renderer-side API from a transport (browser host bridge, tests). */
export function createTerminalApi(transport: Transport): TerminalApi {
  return buildTerminalApi(transport, channelNames());
}
