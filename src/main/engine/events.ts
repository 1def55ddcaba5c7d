import type { EventChannel, EventOf, EventSink } from '../../shared';

/** A small typed fan-out; each subscribe returns the function that removes exactly that sink. */
export class EventHub {
  private readonly sinks = new Set<EventSink>();

  subscribe(sink: EventSink): () => void {
    // Wrap so the same sink subscribed twice is removed one subscription at a time.
    const entry: EventSink = (channel, payload) => sink(channel, payload);
    this.sinks.add(entry);
    return () => this.sinks.delete(entry);
  }

  emit<E extends EventChannel>(channel: E, payload: EventOf<E>): void {
    for (const sink of this.sinks) sink(channel, payload);
  }

  get size(): number {
    return this.sinks.size;
  }
}
