import { events, type EventName, type EventPayload } from './index';

/** `to` names the one caller an event is for (a terminal's output); null for every window. */
export type EventSink = (event: EventName, payload: unknown, to: string | null) => void;

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
    for (const sink of this.sinks) sink(event, parsed, null);
  }

  /** To the one window (caller id) that opened what the event is about, and no other. */
  emitTo<E extends EventName>(to: string, event: E, payload: EventPayload<E>): void {
    const parsed = events[event].payload.parse(payload);
    for (const sink of this.sinks) sink(event, parsed, to);
  }

  get subscriberCount(): number {
    return this.sinks.size;
  }
}
