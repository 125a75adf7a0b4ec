import { describe, expect, it } from 'vitest';
import { markdownBlocks } from '../../../../shared/files/markdownBlocks';
import { describeDtype, parquetFooterLength, parseNpyHeader } from '../../../../shared/files/binaryHeaders';

function npy(header: string, major = 1): Uint8Array {
  const body = new TextEncoder().encode(header);
  const lengthBytes = major >= 2 ? 4 : 2;
  const bytes = new Uint8Array(8 + lengthBytes + body.length);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]);
  bytes[8] = body.length & 0xff;
  bytes[9] = body.length >> 8;
  bytes.set(body, 8 + lengthBytes);
  return bytes;
}

describe('parseNpyHeader', () => {
  it('reads dtype, order and shape as NumPy writes them', () => {
    expect(parseNpyHeader(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }    \n"))).toEqual({ version: '1.0', dtype: '<f8', fortranOrder: false, shape: [3, 4] });
    expect(parseNpyHeader(npy("{'descr': '|b1', 'fortran_order': True, 'shape': (7,), }", 2))).toMatchObject({ shape: [7], fortranOrder: true });
    expect(parseNpyHeader(npy("{'descr': '<i4', 'fortran_order': False, 'shape': (), }"))).toMatchObject({ shape: [] });
    expect(describeDtype('<f8')).toBe('float64, little-endian');
  });
  it('says what is wrong with bytes that are not a header', () => {
    expect(parseNpyHeader(new TextEncoder().encode('PAR1....'))).toMatch(/Not a NumPy/);
    expect(parseNpyHeader(npy("{'descr': '<f8', 'shape': (3,), }"))).toMatch(/not the dict/);
  });
});

describe('markdownBlocks', () => {
  it('reads headings, lists, code and inline runs, and keeps HTML as text', () => {
    const blocks = markdownBlocks('# Results\n\nLoss **fell** to `0.1`, see [the log](https://x.org/a).\n\n- one\n- two\n\n```py\nprint(1)\n```\n<script>alert(1)</script>\n');
    expect(blocks[0]).toEqual({ kind: 'heading', level: 1, inlines: [{ kind: 'text', text: 'Results' }] });
    expect(blocks[1]).toEqual({
      kind: 'paragraph',
      inlines: [
        { kind: 'text', text: 'Loss ' },
        { kind: 'strong', text: 'fell' },
        { kind: 'text', text: ' to ' },
        { kind: 'code', text: '0.1' },
        { kind: 'text', text: ', see ' },
        { kind: 'link', text: 'the log', href: 'https://x.org/a' },
        { kind: 'text', text: '.' },
      ],
    });
    expect(blocks[2]).toEqual({ kind: 'list', ordered: false, items: [[{ kind: 'text', text: 'one' }], [{ kind: 'text', text: 'two' }]] });
    expect(blocks[3]).toEqual({ kind: 'code', language: 'py', text: 'print(1)' });
    expect(blocks[4]).toEqual({ kind: 'paragraph', inlines: [{ kind: 'text', text: '<script>alert(1)</script>' }] });
  });
});

describe('parquetFooterLength', () => {
  it('reads the footer length between the last two magics', () => {
    const tail = new Uint8Array([0x2c, 0x01, 0, 0, ...new TextEncoder().encode('PAR1')]);
    expect(parquetFooterLength(new TextEncoder().encode('PAR1'), tail, 1000)).toBe(300);
    expect(parquetFooterLength(new TextEncoder().encode('PAR1'), tail, 100)).toMatch(/larger than the file/);
    expect(parquetFooterLength(new TextEncoder().encode('\x93NUM'), tail, 1000)).toMatch(/Not a Parquet/);
  });
});
