import Papa from 'papaparse';

export type CsvRow = { line: number; cells: string[] };
export type CsvRead = { ok: true; rows: CsvRow[] } | { ok: false; message: string };

/**
 * CSV (RFC 4180) and TSV through one parser, papaparse: fields split by the delimiter, a field in
 * double quotes may hold delimiters, line breaks and doubled quotes. Line breaks are made `\n`
 * first, so a file mixing CRLF and LF rows reads as it looks (a CRLF inside a quoted field
 * becomes LF). Blank lines are skipped. Each row keeps the line it starts on, for messages.
 * `complete: false` means the text was cut (the first piece of a larger file): the last,
 * possibly partial, row is left out and a quote left open by the cut is no error.
 */
export function readCsv(text: string, options: { delimiter?: string; complete?: boolean } = {}): CsvRead {
  const { rows, problem } = parseRows(text, options);
  return problem === null ? { ok: true, rows } : { ok: false, message: problem };
}

/** The cells of every row, whatever problem a quote has (a viewer shows what is there). */
export function parseCsv(text: string, options: { delimiter?: string; complete?: boolean } = {}): string[][] {
  return parseRows(text, options).rows.map((row) => row.cells);
}

function parseRows(text: string, options: { delimiter?: string; complete?: boolean }): { rows: CsvRow[]; problem: string | null } {
  const normalized = text.replace(/\r\n?/g, '\n');
  const complete = options.complete !== false;
  const rows: CsvRow[] = [];
  let problem: string | null = null;
  let start = 0;
  let line = 1;
  Papa.parse<string[]>(normalized, {
    delimiter: options.delimiter ?? ',',
    newline: '\n',
    quoteChar: '"',
    escapeChar: '"',
    skipEmptyLines: true,
    step: (result) => {
      // The cursor stands after this row's line break: what lies between the previous one and
      // it is the blank lines skipped, then this row with its own breaks.
      const cursor = result.meta.cursor;
      const passed = normalized.slice(start, cursor);
      const rowLine = line + (passed.length - passed.replace(/^\n+/, '').length);
      line += countBreaks(passed);
      start = cursor;
      const error = result.errors[0];
      if (error && problem === null && complete) {
        problem = error.code === 'MissingQuotes' ? `The quoted field that starts on line ${rowLine} is never closed` : `Line ${rowLine}: a quoted field must end at its closing quote, before the delimiter or the end of the line`;
      }
      rows.push({ line: rowLine, cells: result.data });
    },
  });
  if (!complete && !normalized.endsWith('\n')) rows.pop();
  return { rows, problem };
}

/** RFC 4180 text of a header and rows; every field that needs quotes gets them, formulas included. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[], delimiter = ','): string {
  const cell = (value: unknown) => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));
  return Papa.unparse({ fields: [...header], data: rows.map((row) => row.map(cell)) }, { delimiter, newline: '\r\n', quotes: false, escapeFormulae: true });
}

function countBreaks(text: string): number {
  let count = 0;
  for (const character of text) if (character === '\n') count += 1;
  return count;
}
