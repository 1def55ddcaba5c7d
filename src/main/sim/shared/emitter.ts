/** Listener map: event name to its argument tuple. */
export type EventMap = Record<string, unknown[]>;

/**
 * A tiny typed event emitter. `on` returns its own unsubscribe. Listeners run synchronously in
 * registration order; a throwing listener propagates (a broken invariant should fail loudly).
 */
export class Emitter<E extends EventMap> {
  private readonly listeners: { [K in keyof E]?: Array<(...args: E[K]) => void> } = {};

  /** Adds a listener and returns a function that removes exactly that listener. */
  on<K extends keyof E>(event: K, listener: (...args: E[K]) => void): () => void {
    const list = (this.listeners[event] ??= []);
    list.push(listener);
    return () => {
      const current = this.listeners[event];
      if (!current) return;
      const index = current.indexOf(listener);
      if (index >= 0) current.splice(index, 1);
    };
  }

  /** True when at least one listener is registered for `event` (lets hot paths skip work). */
  has<K extends keyof E>(event: K): boolean {
    return (this.listeners[event]?.length ?? 0) > 0;
  }

  protected emit<K extends keyof E>(event: K, ...args: E[K]): void {
    const list = this.listeners[event];
    if (!list || list.length === 0) return;
    for (const listener of list.slice()) listener(...args);
  }
}
