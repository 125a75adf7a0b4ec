import type { z } from 'zod';
import { issueInWords } from '../../shared/contract/fieldErrors';

/**
 * One schema problem in words for the person, named after the field's label as the form shows it:
 * "Port must be a whole number from 1 to 65535", never "Too big: expected number to be <=65535".
 * The words are the command line's too (shared/contract/fieldErrors.ts); only the label is the
 * form's. `schema` is the root schema the issue's path starts from, for bounds said whole.
 */
export function wordsForSchemaIssue(issue: z.core.$ZodIssue, label: string, schema?: z.ZodType): string {
  if (issue.code === 'invalid_key' && issue.issues[0]) return wordsForSchemaIssue(issue.issues[0], label);
  const words = issueInWords(issue, schema);
  return words.own ? words.text : `${label} ${words.text}`;
}
