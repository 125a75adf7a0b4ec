/** What the header of a NumPy .npy file says: enough to know what the array is without reading it. */
export type NpyHeader = { version: string; dtype: string; fortranOrder: boolean; shape: number[] };

/**
 * Reads the header of an .npy file from its first bytes (magic `\x93NUMPY`, version, header
 * length, then a Python dict literal such as `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }`).
 * Returns a reason in words when the bytes are not one.
 */
export function parseNpyHeader(bytes: Uint8Array): NpyHeader | string {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (bytes.length < 10 || magic.some((byte, index) => bytes[index] !== byte)) return 'Not a NumPy .npy file (its first bytes are not \\x93NUMPY).';
  const major = bytes[6]!;
  const minor = bytes[7]!;
  const wide = major >= 2;
  const lengthBytes = wide ? 4 : 2;
  if (bytes.length < 8 + lengthBytes) return 'The .npy header is cut short.';
  let length = 0;
  for (let index = lengthBytes - 1; index >= 0; index -= 1) length = length * 256 + bytes[8 + index]!;
  const start = 8 + lengthBytes;
  if (bytes.length < start + length) return `The .npy header is ${length} bytes, more than was read.`;
  const text = new TextDecoder(major >= 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + length));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) return 'The .npy header is not the dict NumPy writes (a structured dtype, perhaps).';
  const shape = shapeText.split(',').map((part) => part.trim()).filter(Boolean).map(Number);
  if (shape.some((size) => !Number.isInteger(size) || size < 0)) return 'The .npy header has a shape that is not whole numbers.';
  return { version: `${major}.${minor}`, dtype: descr, fortranOrder: fortran === 'True', shape };
}

const dtypeNames: Record<string, string> = { f: 'float', i: 'int', u: 'uint', b: 'bool', c: 'complex', U: 'unicode', S: 'bytes', O: 'object', M: 'datetime64', m: 'timedelta64' };

/** `<f8` → `float64, little-endian`. */
export function describeDtype(dtype: string): string {
  const match = /^([<>|=])([a-zA-Z])(\d+)$/.exec(dtype);
  if (!match) return dtype;
  const [, order, kind, size] = match as unknown as [string, string, string, string];
  const bits = ['f', 'i', 'u', 'c'].includes(kind) ? `${Number(size) * 8}` : `[${size}]`;
  const endian = order === '<' ? ', little-endian' : order === '>' ? ', big-endian' : '';
  return `${dtypeNames[kind] ?? kind}${bits}${endian}`;
}

/**
 * What a Parquet file's two ends say without reading its metadata: it starts and ends with
 * `PAR1`, and the four bytes before the last magic give the length of the footer (the schema and
 * row groups, Thrift-encoded, which a preview does not decode).
 */
export function parquetFooterLength(head: Uint8Array, tail: Uint8Array, size: number): number | string {
  const magic = (bytes: Uint8Array, at: number) => String.fromCharCode(...bytes.subarray(at, at + 4)) === 'PAR1';
  if (size < 12 || head.length < 4 || tail.length < 8 || !magic(head, 0) || !magic(tail, 4)) return 'Not a Parquet file (it does not start and end with PAR1).';
  const length = tail[0]! + tail[1]! * 256 + tail[2]! * 65536 + tail[3]! * 16777216;
  return length <= size - 12 ? length : 'The Parquet footer length is larger than the file.';
}
