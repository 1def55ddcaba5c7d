import {
  err,
  invokeChannels,
  isInvokeChannel,
  type InvokeChannel,
  type ParsedRequestOf,
  type ResponseOf,
  type Result,
} from '../../shared';

/** What main knows about the caller of an invoke. */
export interface SenderInfo {
  /** Id of the webContents (Electron) or of the bridge connection (browser host). */
  readonly id: number;
  /** URL of the frame that sent the message. */
  readonly frameUrl: string;
  readonly isTopFrame: boolean;
}

/**
 * A channel's implementation. handle() always passes `sender`, the already-trusted caller
 * (market streams are held per renderer); direct calls in tests may leave it out.
 */
export type Handler<C extends InvokeChannel> = (
  request: ParsedRequestOf<C>,
  sender?: SenderInfo,
) => Promise<Result<ResponseOf<C>>> | Result<ResponseOf<C>>;

/** Every channel's handler. Services each provide a slice (`Pick<Handlers, ...>`). */
export type Handlers = { [C in InvokeChannel]: Handler<C> };

export interface HandleOptions {
  /** A channel without a handler answers UNSUPPORTED (a feature this build does not have yet). */
  handlers: Partial<Handlers>;
  isTrustedSender: (sender: SenderInfo) => boolean;
  /** Validate what handlers answer too (dev and tests): a mismatch is a bug, reported as INTERNAL. */
  checkResponses?: boolean;
  log?: (line: string) => void;
}

export type Handle = (channel: string, sender: SenderInfo, payload: unknown) => Promise<Result<unknown>>;

function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : 'payload'}: ${i.message}`)
    .join('; ');
}

/**
 * The one entry point for every invoke (style.md §4): checks the sender, parses the payload
 * with the channel's schema, runs the handler, and turns anything thrown into a Result.
 * It never throws.
 */
export function createHandle(options: HandleOptions): Handle {
  const log = options.log ?? (() => {});
  return async (channel, sender, payload) => {
    if (!isInvokeChannel(channel)) {
      return err('NOT_FOUND', `unknown channel "${channel.slice(0, 64)}"`);
    }
    if (!options.isTrustedSender(sender)) {
      log(`ipc: rejected ${channel} from untrusted sender ${sender.id} (${sender.frameUrl.slice(0, 120)})`);
      return err('FORBIDDEN_SENDER', `${channel} was sent from a frame the app does not trust`);
    }
    const spec = invokeChannels[channel];
    const parsed = spec.request.safeParse(payload);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const field = first && first.path.length ? first.path.map(String).join('.') : undefined;
      return err('VALIDATION', `${channel}: ${describeIssues(parsed.error.issues)}`, { field });
    }
    const handler = options.handlers[channel] as ((req: unknown, sender: SenderInfo) => Promise<Result<unknown>> | Result<unknown>) | undefined;
    if (!handler) return err('UNSUPPORTED', `${channel} is not available in this build`);
    try {
      const result = await handler(parsed.data, sender);
      if (options.checkResponses && result.ok) {
        const checked = spec.response.safeParse(result.value);
        if (!checked.success) {
          log(`ipc: ${channel} answered outside its schema: ${describeIssues(checked.error.issues)}`);
          return err('INTERNAL', `${channel} produced a reply outside its contract`);
        }
      }
      return result;
    } catch (cause) {
      const message = cause instanceof Error ? cause.message : String(cause);
      log(`ipc: ${channel} threw: ${cause instanceof Error && cause.stack ? cause.stack : message}`);
      return err('INTERNAL', `${channel} failed: ${message}`);
    }
  };
}
