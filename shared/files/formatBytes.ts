const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** 1536 → "1.5 KiB": sizes and offsets as a person reads them, never "1024 MiB". */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  // Step up a unit a little early, where rounding would otherwise print 1024 of the smaller one.
  while (value >= 1023.5 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${bytes} B`;
  return `${value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0)} ${units[unit]}`;
}
