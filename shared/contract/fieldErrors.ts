import { z } from 'zod';

/** One field's problem in words a person can act on: `port: must be a whole number from 1 to 65535`. */
export type FieldError = { field: string; message: string };

/** zod's own English messages ("Too big: expected number to be <=65535"); a schema's own message is kept. */
const libraryMessage = /^(Invalid |Too (small|big)|Unrecognized key)/;

/**
 * Every field's problem at once, each in words, one entry per field (a field with several
 * problems gets them joined). The schema, when given, lets a bound be described whole: a port
 * over 65535 reads "must be a whole number from 1 to 65535", not only "at most 65535".
 * The window's forms and the command line both show these, so they say the same thing.
 */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], schema?: z.ZodType): FieldError[] {
  const byField = new Map<string, string[]>();
  for (const issue of issues) {
    const field = fieldName(issue.path);
    const message = issueInWords(issue, schema).text;
    const messages = byField.get(field) ?? [];
    if (!messages.includes(message)) messages.push(message);
    byField.set(field, messages);
  }
  return [...byField].map(([field, messages]) => ({ field, message: messages.join('; ') }));
}

/**
 * One problem in words: a message the schema wrote itself (`own`, a whole sentence, kept as it
 * is), or zod's generic one said as what follows a field's name ("must be a whole number from 1
 * to 65535"). `schema` is the root the issue's path starts from.
 */
export function issueInWords(issue: z.core.$ZodIssue, schema?: z.ZodType): { text: string; own: boolean } {
  if (!libraryMessage.test(issue.message)) return { text: issue.message, own: true };
  return { text: inWords(issue, schema ? schemaAt(schema, issue.path) : undefined), own: false };
}

/** `jump.0.port`, dotted like the paths the forms match by prefix; the whole value is `(root)`. */
export function fieldName(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.map(String).join('.');
}

function inWords(issue: z.core.$ZodIssue, schema: z.ZodType | undefined): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') return wholeNumber(schema) ?? 'must be a whole number';
      if (issue.message.includes('received undefined')) return 'is required';
      return `must be ${article(issue.expected)}`;
    case 'too_small':
    case 'too_big': {
      if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty';
      const range = issue.origin === 'number' || issue.origin === 'int' ? wholeNumber(schema) ?? numberRange(schema) : lengthRange(issue.origin, schema);
      if (range) return range;
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const side = issue.code === 'too_small' ? 'at least' : 'at most';
      if (issue.origin === 'string') return `must be ${side} ${String(bound)} characters long`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have ${side} ${String(bound)} entries`;
      return `must be ${side} ${String(bound)}`;
    }
    case 'invalid_format':
      return issue.format === 'regex' ? 'has characters or a form that is not allowed here' : `must be a valid ${issue.format}`;
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${JSON.stringify(issue.values[0])}` : `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'unrecognized_keys':
      return `has ${issue.keys.length === 1 ? 'a setting' : 'settings'} this version does not know: ${issue.keys.join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'invalid_union':
      return 'is not any of the accepted forms';
    case 'invalid_key':
      return 'has a key that is not allowed';
    case 'invalid_element':
      return 'has an entry that is not allowed';
    case 'custom':
      return 'is not allowed';
  }
}

function article(expected: string): string {
  const words: Record<string, string> = { number: 'a number', string: 'text', boolean: 'true or false', array: 'a list', object: 'a table of settings' };
  return words[expected] ?? `a ${expected}`;
}

function wholeNumber(schema: z.ZodType | undefined): string | null {
  if (!(schema instanceof z.ZodNumber) || !schema.isInt) return null;
  return `must be a whole number${bounds(schema.minValue, schema.maxValue, '')}`;
}

function numberRange(schema: z.ZodType | undefined): string | null {
  if (!(schema instanceof z.ZodNumber)) return null;
  return `must be a number${bounds(schema.minValue, schema.maxValue, '')}`;
}

function lengthRange(origin: string, schema: z.ZodType | undefined): string | null {
  if (origin === 'string' && schema instanceof z.ZodString) {
    const range = bounds(schema.minLength, schema.maxLength, ' characters');
    return range ? `must be${range} long` : null;
  }
  return null;
}

/** " from 1 to 65535", " at least 1", " at most 64", or "" without bounds. */
function bounds(min: number | null, max: number | null, unit: string): string {
  const known = (value: number | null): value is number => value !== null && Number.isFinite(value) && Math.abs(value) < Number.MAX_SAFE_INTEGER;
  if (known(min) && known(max)) return ` from ${min} to ${max}${unit}`;
  if (known(min)) return ` at least ${min}${unit}`;
  if (known(max)) return ` at most ${max}${unit}`;
  return '';
}

/** The schema of the value at `path`, through wrappers (optional, default, pipes); undefined where it cannot tell. */
function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = unwrap(schema);
  for (const part of path) {
    if (current instanceof z.ZodObject && typeof part === 'string') current = (current.shape as Record<string, z.ZodType>)[part];
    else if (current instanceof z.ZodArray && typeof part === 'number') current = current.element as z.ZodType;
    else if (current instanceof z.ZodRecord) current = current.valueType as z.ZodType;
    else return undefined;
    current = current === undefined ? undefined : unwrap(current);
  }
  return current;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let depth = 0; depth < 8; depth += 1) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault || current instanceof z.ZodPrefault || current instanceof z.ZodReadonly) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType;
    } else break;
  }
  return current;
}
