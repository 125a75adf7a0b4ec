import type { z } from 'zod';
import { events } from './events';
import { methods } from './methods';

export { events } from './events';
export { methods } from './methods';

export type Methods = typeof methods;
export type Events = typeof events;
export type MethodName = keyof Methods;
export type EventName = keyof Events;

/** What a caller passes (before defaults are applied). */
export type Params<M extends MethodName> = z.input<Methods[M]['params']>;
/** What a handler receives (after parsing). */
export type ParsedParams<M extends MethodName> = z.output<Methods[M]['params']>;
/** What a handler returns and a caller receives. */
export type Result<M extends MethodName> = z.output<Methods[M]['result']>;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
