import { describe, expect, it } from 'vitest';
import { parseRemoteVersion, resumeOffset } from '../../../../../electron/services/files/resumeOffset';

describe('resumeOffset', () => {
  const remote = { size: 1000, mtimeMs: 5000 };
  it('continues from the partial copy while the file on the cluster is unchanged', () => {
    expect(resumeOffset(400, remote, remote)).toBe(400);
    expect(resumeOffset(1000, remote, remote)).toBe(1000);
  });
  it('starts again when the file changed, the copy is longer, or nothing was recorded', () => {
    expect(resumeOffset(400, { size: 1000, mtimeMs: 4000 }, remote)).toBe(0);
    expect(resumeOffset(400, { size: 900, mtimeMs: 5000 }, remote)).toBe(0);
    expect(resumeOffset(1200, { size: 1200, mtimeMs: 5000 }, { size: 1200, mtimeMs: 5000 })).toBe(1200);
    expect(resumeOffset(1300, remote, remote)).toBe(0);
    expect(resumeOffset(400, null, remote)).toBe(0);
    expect(resumeOffset(null, remote, remote)).toBe(0);
  });
  it('reads only a well-formed record', () => {
    expect(parseRemoteVersion('{"size":3,"mtimeMs":4}')).toEqual({ size: 3, mtimeMs: 4 });
    expect(parseRemoteVersion('{"size":"3"}')).toBeNull();
    expect(parseRemoteVersion('not json')).toBeNull();
    expect(parseRemoteVersion(null)).toBeNull();
  });
});
