import { readFile } from 'node:fs/promises';
import type { AuditEntry } from '../../../shared/contract/settingsMethods';

export type AuditPage = { entries: AuditEntry[]; total: number; skippedLines: number };
export type AuditQuery = { offset: number; limit: number; filter?: string | undefined };

type FieldValue = AuditEntry['fields'][string];

function fieldValue(value: unknown): FieldValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  return JSON.stringify(value);
}

/** One line as an entry, or null when it is torn (a crash mid-write) or not an audit record. */
function parseLine(text: string, line: number): AuditEntry | null {
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return null;
  const { at, event, ...rest } = record as Record<string, unknown>;
  if (typeof at !== 'string' || typeof event !== 'string') return null;
  const fields: AuditEntry['fields'] = {};
  for (const [key, value] of Object.entries(rest)) fields[key] = fieldValue(value);
  return { line, at, event, fields };
}

function matches(entry: AuditEntry, needle: string): boolean {
  const values = [entry.at, entry.event, ...Object.values(entry.fields).flat().map((value) => String(value))];
  return values.some((value) => value.toLowerCase().includes(needle));
}

/**
 * The audit log, newest first, one page of it. Lines that do not parse are counted and skipped,
 * so a torn last line (the app killed mid-append) never hides the rest. A missing log is empty.
 */
export async function readAuditLog(path: string, query: AuditQuery): Promise<AuditPage> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], total: 0, skippedLines: 0 };
    throw error;
  }
  const needle = query.filter?.trim().toLowerCase() ?? '';
  const kept: AuditEntry[] = [];
  let skippedLines = 0;
  text.split('\n').forEach((lineText, index) => {
    if (lineText.trim() === '') return;
    const entry = parseLine(lineText, index + 1);
    if (!entry) skippedLines += 1;
    else if (needle === '' || matches(entry, needle)) kept.push(entry);
  });
  kept.reverse();
  return { entries: kept.slice(query.offset, query.offset + query.limit), total: kept.length, skippedLines };
}
