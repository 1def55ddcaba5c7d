// No runtime import of the contract or of zod here: the preload bundles this file, and zod
// (~190 KB) would come with any schema (issue 15, must-have 9). The channel names are passed in.
import type { EventChannel, EventOf, InvokeChannel, RequestOf, ResponseOf } from './contract';
import type { Err, Result } from './result';

/**
 * How the renderer reaches main. The preload passes an ipcRenderer transport, the browser
 * host a loopback WebSocket one; everything above this line is the same code in both.
 */
export interface Transport {
  invoke(channel: InvokeChannel, payload: unknown): Promise<unknown>;
  /** Adds one listener and returns the function that removes exactly that listener. */
  listen(channel: EventChannel, listener: (payload: unknown) => void): () => void;
}

export type Unsubscribe = () => void;

type CamelCase<S extends string> = S extends `${infer A}-${infer B}`
  ? `${A}${Capitalize<CamelCase<B>>}`
  : S;
type NamespaceOf<C extends string> = C extends `${infer NS}:${string}` ? NS : never;
type Namespace = NamespaceOf<InvokeChannel> | NamespaceOf<EventChannel>;

type InvokeMethod<C extends InvokeChannel> = undefined extends RequestOf<C>
  ? (request?: RequestOf<C>) => Promise<Result<ResponseOf<C>>>
  : (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;

type EventMethod<E extends EventChannel> = (listener: (event: EventOf<E>) => void) => Unsubscribe;

/** `window.terminal`: `app:info` becomes `app.info()`, event `app:heartbeat` becomes `app.onHeartbeat(fn)`. */
export type TerminalApi = {
  readonly [NS in Namespace]: {
    readonly [C in InvokeChannel as C extends `${NS}:${infer M}` ? CamelCase<M> : never]: InvokeMethod<C>;
  } & {
    readonly [E in EventChannel as E extends `${NS}:${infer M}`
      ? `on${Capitalize<CamelCase<M>>}`
      : never]: EventMethod<E>;
  };
};

function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function split(channel: string): [string, string] {
  const at = channel.indexOf(':');
  return [channel.slice(0, at), channel.slice(at + 1)];
}

/** The names of every channel, for `buildTerminalApi` (the contract's keys). */
export interface ChannelNames {
  invoke: readonly InvokeChannel[];
  events: readonly EventChannel[];
}

/** A NETWORK failure built without the result module (which carries zod). */
function unreachable(channel: string, reason: string): Err {
  return { ok: false, error: { code: 'NETWORK', message: `${channel} did not reach the engine: ${reason}`, retryable: true } };
}

/** Builds the renderer-side API from a transport and the contract's channel names. */
export function buildTerminalApi(transport: Transport, names: ChannelNames): TerminalApi {
  const api: Record<string, Record<string, unknown>> = {};
  const ns = (name: string) => (api[name] ??= {});

  for (const channel of names.invoke) {
    const [space, action] = split(channel);
    ns(space)[camel(action)] = async (request?: unknown): Promise<Result<unknown>> => {
      try {
        return (await transport.invoke(channel, request)) as Result<unknown>;
      } catch (cause) {
        return unreachable(channel, cause instanceof Error ? cause.message : String(cause));
      }
    };
  }
  for (const channel of names.events) {
    const [space, name] = split(channel);
    const method = `on${camel(name).replace(/^./, (c) => c.toUpperCase())}`;
    ns(space)[method] = (listener: (event: unknown) => void): Unsubscribe => {
      if (typeof listener !== 'function') throw new TypeError(`${method} needs a function`);
      return transport.listen(channel, listener);
    };
  }
  for (const space of Object.values(api)) Object.freeze(space);
  return Object.freeze(api) as unknown as TerminalApi;
}
