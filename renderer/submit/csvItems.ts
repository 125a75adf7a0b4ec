import { readCsv } from '../../shared/files/parseCsv';

/**
 * Array items pasted as CSV: the header row names the fields, each later row becomes one object
 * (one array task). Fields follow RFC 4180: quoted fields may hold commas, quotes (doubled) and
 * line breaks. Values stay strings: CSV does not say which ones are numbers.
 */
export type CsvResult = { ok: true; items: Record<string, string>[] } | { ok: false; message: string };

export function csvItems(text: string): CsvResult {
  const parsed = readCsv(text);
  if (!parsed.ok) return parsed;
  const rows = parsed.rows;
  if (rows.length === 0) return { ok: false, message: 'The CSV is empty: give a header row, then one row per task' };
  const [header, ...body] = rows;
  const names = header!.cells.map((name) => name.trim());
  const blank = names.findIndex((name) => name === '');
  if (blank >= 0) return { ok: false, message: `Column ${blank + 1} of the header row has no name` };
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) return { ok: false, message: `The header names "${duplicate}" twice` };
  if (body.length === 0) return { ok: false, message: 'The CSV has a header row but no rows below it' };
  const items: Record<string, string>[] = [];
  for (const row of body) {
    if (row.cells.length !== names.length) {
      return { ok: false, message: `Line ${row.line} has ${row.cells.length} fields; the header has ${names.length}` };
    }
    items.push(Object.fromEntries(names.map((name, column) => [name, row.cells[column]!])));
  }
  return { ok: true, items };
}
