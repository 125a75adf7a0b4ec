import { describe, expect, it } from 'vitest';
import { fileNameProblem, relativeInside, remotePathProblem } from '../../../../shared/files/remotePath';

describe('remotePathProblem', () => {
  it('accepts absolute paths and paths under home', () => {
    for (const path of ['/', '/scratch/ada/run 1', '~', '~/results/', '/data/ünïcode/файл']) expect(remotePathProblem(path)).toBeNull();
  });
  it('refuses relative paths, dot parts, empty parts and control characters', () => {
    expect(remotePathProblem('results')).toMatch(/start with/);
    expect(remotePathProblem('~ada/x')).toMatch(/start with/);
    expect(remotePathProblem('/a/../etc')).toMatch(/"\."/);
    expect(remotePathProblem('/a/./b')).toMatch(/"\."/);
    expect(remotePathProblem('/a//b')).toMatch(/empty part/);
    expect(remotePathProblem('/a/\u001b]52;c;x\u0007')).toMatch(/control/);
    expect(remotePathProblem('/a\nb')).toMatch(/control/);
    expect(remotePathProblem('')).toMatch(/empty/);
  });
});

describe('fileNameProblem and relativeInside', () => {
  it('keeps a new name inside its folder', () => {
    expect(fileNameProblem('b.txt')).toBeNull();
    expect(fileNameProblem('../b')).toMatch(/slash/);
    expect(fileNameProblem('..')).toMatch(/"\.\."/);
    expect(fileNameProblem('a\tb')).toMatch(/control/);
  });
  it('says where a path lies inside a folder, and refuses a sibling with the same prefix', () => {
    expect(relativeInside('/a/b', '/a/b/c/d')).toBe('c/d');
    expect(relativeInside('/a/b', '/a/b')).toBe('');
    expect(relativeInside('/a/b', '/a/bc/d')).toBeNull();
  });
});
