import { describe, expect, it } from 'vitest';
import { flattenNamed, flattenResult } from '../../../../shared/results/flattenResult';

describe('flattenResult', () => {
  it('joins nested keys with dots and spreads short scalar arrays', () => {
    expect(flattenResult({ lr: 0.1, metrics: { loss: 0.5, acc: { top1: 0.9 } }, scores: [1, 2], ok: true, note: null })).toEqual({
      lr: 0.1,
      'metrics.loss': 0.5,
      'metrics.acc.top1': 0.9,
      'scores.0': 1,
      'scores.1': 2,
      ok: true,
      note: null,
    });
  });

  it('keeps long arrays, arrays of objects, empty objects and deep values as JSON text', () => {
    const long = Array.from({ length: 20 }, (_, index) => index);
    const cells = flattenResult({ curve: long, runs: [{ a: 1 }], empty: {}, deep: { a: { b: { c: { d: { e: { f: 1 } } } } } } });
    expect(cells.curve).toBe(JSON.stringify(long));
    expect(cells.runs).toBe('[{"a":1}]');
    expect(cells.empty).toBe('{}');
    expect(Object.keys(cells).find((name) => name.startsWith('deep.'))).toBe('deep.a.b.c.d.e');
    expect(cells['deep.a.b.c.d.e']).toBe('{"f":1}');
  });

  it('names a bare value "value", and inputs by their root', () => {
    expect(flattenResult(3.5)).toEqual({ value: 3.5 });
    expect(flattenResult([1, 2])).toEqual({ 'value.0': 1, 'value.1': 2 });
    expect(flattenNamed({ lr: 0.01 }, 'item')).toEqual({ 'item.lr': 0.01 });
    expect(flattenNamed(7, 'item')).toEqual({ item: 7 });
  });
});
