import type { z } from 'zod';
import type { ErrorDetail } from '../../shared/errors';
import { wordsForSchemaIssue } from '../app/schemaIssueWords';

/** The labels the Settings forms show, by the first part of a settings or host-key path. */
const settingsFieldLabels: Record<string, string> = {
  jobBaseDir: 'Job base folder',
  folderMode: 'Folder permissions',
  scriptMode: 'Script permissions',
  downloadDir: 'Downloads folder',
  host: 'Host',
  port: 'Port',
  fingerprint: 'Fingerprint',
};

/** Field messages keyed by the first part of each path; the first message per field wins. */
export function detailsToFields<K extends string>(details: readonly ErrorDetail[], fields: readonly K[]): Partial<Record<K, string>> {
  const errors: Partial<Record<K, string>> = {};
  for (const detail of details) {
    const field = fields.find((name) => detail.path === name || detail.path.startsWith(`${name}.`));
    if (field && errors[field] === undefined) errors[field] = detail.message;
  }
  return errors;
}

/** A contract schema's issues as details, in words naming the field, so the form can check before sending. */
export function issuesToDetails(issues: readonly z.core.$ZodIssue[]): ErrorDetail[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const first = String(issue.path[0] ?? '');
    return { path, message: wordsForSchemaIssue(issue, settingsFieldLabels[first] ?? 'This value') };
  });
}
