import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ClusterProfileSchema } from '../../../../shared/clusters/clusterProfile';
import { fieldErrors, fieldName } from '../../../../shared/contract/fieldErrors';

function errorsOf(schema: z.ZodType, value: unknown) {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected the value to be refused');
  return fieldErrors(parsed.error.issues, schema);
}

describe('field errors in words', () => {
  it('describes a port out of range with both bounds, for every field at once', () => {
    const errors = errorsOf(ClusterProfileSchema, { name: 'hpc', host: '', user: 'ada', port: 99999, jump: [{ host: 'gw', user: 'ada', port: 0 }] });
    expect(errors).toEqual([
      { field: 'host', message: 'must not be empty; A host is a name like hpc.example.org or an address (no spaces, and not starting with -)' },
      { field: 'port', message: 'must be a whole number from 1 to 65535' },
      { field: 'jump.0.port', message: 'must be a whole number from 1 to 65535' },
    ]);
  });

  it('never passes on zod’s own wording', () => {
    const schema = z.strictObject({
      count: z.number().int().min(1),
      ratio: z.number().max(1),
      name: z.string().min(2).max(8),
      tags: z.array(z.string()).max(1),
      mode: z.enum(['a', 'b']),
      pattern: z.string().regex(/^x+$/),
      flag: z.boolean(),
      union: z.union([z.number(), z.boolean()]),
    });
    const errors = errorsOf(schema, { count: 1.5, ratio: 2, name: 'x', tags: ['a', 'b'], mode: 'c', pattern: 'y', union: 'no', extra: 1 });
    expect(errors).toEqual([
      { field: 'count', message: 'must be a whole number at least 1' },
      { field: 'ratio', message: 'must be a number at most 1' },
      { field: 'name', message: 'must be from 2 to 8 characters long' },
      { field: 'tags', message: 'must have at most 1 entries' },
      { field: 'mode', message: 'must be one of "a", "b"' },
      { field: 'pattern', message: 'has characters or a form that is not allowed here' },
      { field: 'flag', message: 'is required' },
      { field: 'union', message: 'is not any of the accepted forms' },
      { field: '(root)', message: 'has a setting this version does not know: extra' },
    ]);
    for (const error of errors) expect(error.message).not.toMatch(/Too (small|big)|Invalid|expected|>=|<=/);
  });

  it('describes a single bound without the schema, and keeps a schema’s own message', () => {
    const parsed = z.object({ port: z.number().max(10), name: z.string().refine((text) => text !== 'x', 'x is reserved') }).safeParse({ port: 11, name: 'x' });
    expect(parsed.success).toBe(false);
    expect(fieldErrors(parsed.error!.issues)).toEqual([
      { field: 'port', message: 'must be at most 10' },
      { field: 'name', message: 'x is reserved' },
    ]);
  });

  it('names nested fields the way people write them', () => {
    expect(fieldName([])).toBe('(root)');
    expect(fieldName(['resources', 'extra', 2])).toBe('resources.extra.2');
  });
});
