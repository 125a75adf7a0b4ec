import type { z } from 'zod';

/** A request method: a schema for its one object argument and one for its reply. */
export type MethodSpec<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> = {
  summary: string;
  params: P;
  result: R;
};

/** An event pushed from main to every connected window. */
export type EventSpec<P extends z.ZodType = z.ZodType> = {
  summary: string;
  payload: P;
};

export const method = <P extends z.ZodType, R extends z.ZodType>(spec: MethodSpec<P, R>) => spec;
export const event = <P extends z.ZodType>(spec: EventSpec<P>) => spec;
