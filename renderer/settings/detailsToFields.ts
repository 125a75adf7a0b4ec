import type { z } from 'zod';
import type { ErrorDetail } from '../../shared/errors';

/** Field messages keyed by the first part of each path; the first message per field wins. */
export function detailsToFields<K extends string>(details: readonly ErrorDetail[], fields: readonly K[]): Partial<Record<K, string>> {
  const errors: Partial<Record<K, string>> = {};
  for (const detail of details) {
    const field = fields.find((name) => detail.path === name || detail.path.startsWith(`${name}.`));
    if (field && errors[field] === undefined) errors[field] = detail.message;
  }
  return errors;
}

/** A contract schema's issues as the details main would send, so the form can check before sending. */
export function issuesToDetails(issues: readonly z.core.$ZodIssue[]): ErrorDetail[] {
  return issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}
