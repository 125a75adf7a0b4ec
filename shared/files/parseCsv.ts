/**
 * CSV as RFC 4180 writes it: fields split by the delimiter, a field in double quotes may hold
 * delimiters, newlines and doubled quotes (`""` is one `"`). `complete: false` means the text was
 * cut (the first piece of a larger file): the last, possibly partial, row is left out.
 */
export function parseCsv(text: string, options: { delimiter?: string; complete?: boolean } = {}): string[][] {
  const delimiter = options.delimiter ?? ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let index = 0;
  while (index < text.length) {
    const character = text[index]!;
    if (quoted) {
      if (character === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index += 1;
        } else {
          quoted = false;
        }
      } else {
        field += character;
      }
    } else if (character === '"' && field === '') {
      quoted = true;
    } else if (character === delimiter) {
      row.push(field);
      field = '';
    } else if (character === '\n' || character === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (character === '\r' && text[index + 1] === '\n') index += 1;
    } else {
      field += character;
    }
    index += 1;
  }
  const pending = field !== '' || row.length > 0;
  if (pending && options.complete !== false) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
