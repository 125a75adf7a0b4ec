import { events, type EventName, type EventPayload } from './index';

export type EventSink = (event: EventName, payload: unknown) => void;

/**
 * Fans events out to every connected window. Payloads are checked against the contract here, at
 * the source, so a malformed push is a bug caught in main rather than a surprise in a view.
 */
export class EventHub {
  private readonly sinks = new Set<EventSink>();

  subscribe(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const parsed = events[event].payload.parse(payload);
    for (const sink of this.sinks) sink(event, parsed);
  }

  get subscriberCount(): number {
    return this.sinks.size;
  }
}
