/**
 * Array items pasted as CSV: the header row names the fields, each later row becomes one object
 * (one array task). Fields follow RFC 4180: quoted fields may hold commas, quotes (doubled) and
 * line breaks. Values stay strings: CSV does not say which ones are numbers.
 */
export type CsvResult = { ok: true; items: Record<string, string>[] } | { ok: false; message: string };

export function csvItems(text: string): CsvResult {
  const parsed = csvRows(text);
  if (!parsed.ok) return parsed;
  const rows = parsed.rows.filter((row) => !(row.cells.length === 1 && row.cells[0] === ''));
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

type CsvRow = { line: number; cells: string[] };

function csvRows(text: string): { ok: true; rows: CsvRow[] } | { ok: false; message: string } {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let index = 0;
  const endRow = () => {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  while (index < text.length) {
    const char = text[index]!;
    if (char === '"' && cell === '') {
      const quoteLine = line;
      index += 1;
      for (;;) {
        if (index >= text.length) return { ok: false, message: `The quoted field that starts on line ${quoteLine} is never closed` };
        const inner = text[index]!;
        if (inner === '"' && text[index + 1] === '"') {
          cell += '"';
          index += 2;
        } else if (inner === '"') {
          index += 1;
          break;
        } else {
          if (inner === '\n') line += 1;
          cell += inner;
          index += 1;
        }
      }
      const after = text[index];
      if (after !== undefined && after !== ',' && after !== '\n' && after !== '\r') {
        return { ok: false, message: `Line ${line}: after a closing quote comes a comma or the end of the line, not ${JSON.stringify(after)}` };
      }
      continue;
    }
    if (char === ',') {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      endRow();
      line += 1;
      rowLine = line;
    } else {
      cell += char;
    }
    index += 1;
  }
  if (cell !== '' || cells.length > 0) endRow();
  return { ok: true, rows };
}
