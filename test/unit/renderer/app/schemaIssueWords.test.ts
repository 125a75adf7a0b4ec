import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { wordsForSchemaIssue } from '../../../../renderer/app/schemaIssueWords';
import { ClusterProfileSchema } from '../../../../shared/clusters/clusterProfile';

function wordsFor(schema: z.ZodType, value: unknown, label: string): string {
  const checked = schema.safeParse(value);
  if (checked.success) throw new Error('expected a problem');
  return wordsForSchemaIssue(checked.error.issues[0]!, label);
}

describe('wordsForSchemaIssue', () => {
  it('says zod\'s generic problems in words naming the field', () => {
    expect(wordsFor(z.string().min(1), '', 'Name')).toBe('Name must not be empty');
    expect(wordsFor(z.number().max(65535), 70000, 'Port')).toBe('Port must be at most 65535');
    expect(wordsFor(z.number().int().min(1), 0, 'Nodes')).toBe('Nodes must be at least 1');
    expect(wordsFor(z.string().max(3), 'abcd', 'QOS')).toBe('QOS must be at most 3 characters long');
    expect(wordsFor(z.enum(['ask', 'reject']), 'x', 'Policy')).toBe('Policy must be one of "ask", "reject"');
    expect(wordsFor(z.number(), 'x', 'Port')).toBe('Port must be a number');
  });

  it('says a bound whole when it knows the schema, as the command line does', () => {
    const checked = ClusterProfileSchema.safeParse({ name: 'hpc', host: 'login', user: 'ada', port: 70000 });
    if (checked.success) throw new Error('expected a problem');
    const port = checked.error.issues.find((issue) => issue.path[0] === 'port')!;
    expect(wordsForSchemaIssue(port, 'Port', ClusterProfileSchema)).toBe('Port must be a whole number from 1 to 65535');
  });

  it('keeps a message the schema wrote itself', () => {
    expect(wordsFor(ClusterProfileSchema.shape.host, '-oProxyCommand=x', 'Host')).toMatch(/not starting with -/);
    expect(wordsFor(z.string().refine(() => false, 'embedded and local are built in'), 'local', 'Name')).toBe('embedded and local are built in');
  });
});
