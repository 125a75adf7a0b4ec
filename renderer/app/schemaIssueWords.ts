import type { z } from 'zod';

/** A schema's own message (a regex's explanation, a refine's reason) is kept; zod's generic ones are not. */
const genericMessage = /^(Too small|Too big|Invalid input|Invalid string|Invalid option|Invalid key|Invalid element|Unrecognized key)/;

const typeWords: Record<string, string> = { number: 'a number', string: 'text', boolean: 'yes or no', array: 'a list', object: 'an object' };

/**
 * One schema problem in words for the person, named after the field's label as the form shows it:
 * "Name is required", "Port must be 65535 or less", never "Too small: expected string to have
 * >=1 characters". The schemas stay the one source of the rules; only their wording is the form's.
 */
export function wordsForSchemaIssue(issue: z.core.$ZodIssue, label: string): string {
  if (issue.code === 'invalid_key' && issue.issues[0]) return wordsForSchemaIssue(issue.issues[0], label);
  if (!genericMessage.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'string') return minimum <= 1 ? `${label} is required` : `${label} needs at least ${minimum} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return minimum <= 1 ? `${label} needs at least one entry` : `${label} needs at least ${minimum} entries`;
      return `${label} must be ${issue.inclusive ? `${minimum} or more` : `more than ${minimum}`}`;
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'string') return `${label} is too long: at most ${maximum} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${label} has too many entries: at most ${maximum}`;
      return `${label} must be ${issue.inclusive ? `${maximum} or less` : `less than ${maximum}`}`;
    }
    case 'invalid_type':
      return `${label} must be ${typeWords[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `${label} must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return `${label} is not written the expected way`;
    case 'not_multiple_of':
      return `${label} must be a multiple of ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return `${label} has settings Slurm Desk does not know: ${issue.keys.join(', ')}`;
    default:
      return `${label} is not valid`;
  }
}
