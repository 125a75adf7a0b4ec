/** A table cell: what a flattened JSON leaf can be. Arrays that are not flattened become their JSON text. */
export type CellValue = string | number | boolean | null;

/** Past this depth a nested value is kept as its JSON text: a column per leaf helps nobody there. */
const maxDepth = 6;
/** Short arrays of numbers (a learning curve's last points) get a column each; longer ones stay one cell. */
const maxSpreadArray = 8;

/**
 * A JSON result as one row of named cells: nested objects join their keys with dots
 * (`{"metrics":{"loss":0.1}}` → `metrics.loss`), short arrays their indices (`scores.0`), and
 * anything deeper or longer is kept whole as JSON text. A bare value (not an object) is the cell
 * `prefix` itself (`value` by default).
 */
export function flattenResult(value: unknown, prefix = 'value'): Record<string, CellValue> {
  const cells: Record<string, CellValue> = {};
  if (isPlainObject(value)) {
    for (const [key, inner] of Object.entries(value)) flattenInto(cells, key, inner, 1);
  } else {
    flattenInto(cells, prefix, value, 1);
  }
  return cells;
}

/** Like `flattenResult`, but every column starts with `name` (`item.lr`, `kwargs.seed`). */
export function flattenNamed(value: unknown, name: string): Record<string, CellValue> {
  const cells: Record<string, CellValue> = {};
  flattenInto(cells, name, value, 0);
  return cells;
}

function flattenInto(cells: Record<string, CellValue>, name: string, value: unknown, depth: number): void {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    cells[name] = value;
    return;
  }
  if (depth < maxDepth && isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [key, inner] of Object.entries(value)) flattenInto(cells, `${name}.${key}`, inner, depth + 1);
    return;
  }
  if (depth < maxDepth && Array.isArray(value) && value.length > 0 && value.length <= maxSpreadArray && value.every(isScalar)) {
    value.forEach((inner, index) => flattenInto(cells, `${name}.${index}`, inner, depth + 1));
    return;
  }
  cells[name] = JSON.stringify(value) ?? null;
}

function isScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
