import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalFiles } from '../../../../../electron/services/backends/local/localFiles';
import type { ClusterFiles } from '../../../../../electron/services/backends/types';
import { downloadTree, partialSuffix } from '../../../../../electron/services/files/downloadTree';

function remoteTree() {
  const base = mkdtempSync(join(tmpdir(), 'tree-'));
  const folder = join(base, 'results');
  mkdirSync(join(folder, 'runs', 'a'), { recursive: true });
  writeFileSync(join(folder, 'summary.txt'), 'done\n');
  writeFileSync(join(folder, 'runs', 'a', 'metrics.json'), '{"loss":0.1}');
  writeFileSync(join(base, 'secret.txt'), 'outside');
  symlinkSync(join(base, 'secret.txt'), join(folder, 'escape'));
  symlinkSync(join(folder, 'summary.txt'), join(folder, 'same-summary'));
  writeFileSync(join(folder, 'bad\u001bname'), 'x');
  const big = randomBytes(9 * 1024 * 1024 + 17);
  writeFileSync(join(folder, 'big.bin'), big);
  return { base, folder, big };
}

/** Local files whose reads fail once `failAfter` bytes have been read: a connection cut mid-file. */
function cutAfter(files: ClusterFiles, failAfter: number, reads: number[]): ClusterFiles {
  let read = 0;
  return {
    ...files,
    readFile: async (path, range) => {
      if (range) reads.push(range.offset);
      if (read >= failAfter) throw new Error('the connection to the cluster was cut');
      const bytes = await files.readFile(path, range);
      read += bytes?.length ?? 0;
      return bytes;
    },
  };
}

describe('downloadTree', () => {
  it('copies a folder with its nested folders, follows only links that stay inside, and names what it left out', async () => {
    const { folder, big } = remoteTree();
    const root = mkdtempSync(join(tmpdir(), 'downloads-'));
    const progress: number[] = [];
    const outcome = await downloadTree({ files: createLocalFiles(), source: folder, root, resume: false, onProgress: (report) => progress.push(report.transferred) });
    expect(outcome.localPath).toBe(join(root, 'results'));
    expect(readFileSync(join(root, 'results', 'runs', 'a', 'metrics.json'), 'utf8')).toBe('{"loss":0.1}');
    expect(readFileSync(join(root, 'results', 'same-summary'), 'utf8')).toBe('done\n');
    expect(readFileSync(join(root, 'results', 'big.bin')).equals(big)).toBe(true);
    expect(existsSync(join(root, 'results', 'escape'))).toBe(false);
    expect(outcome.skipped.map((entry) => entry.path).sort()).toEqual(['bad\u001bname', 'escape']);
    expect(progress.at(-1)).toBe(outcome.bytes);
    // Downloading again never overwrites: the copy gets a name of its own.
    expect((await downloadTree({ files: createLocalFiles(), source: folder, root, resume: false, onProgress: () => {} })).localPath).toBe(join(root, 'results (2)'));
  });

  it('keeps what arrived before a cut and resumes each file from its length', async () => {
    const { folder, big } = remoteTree();
    const source = join(folder, 'big.bin');
    const root = mkdtempSync(join(tmpdir(), 'downloads-'));
    const firstReads: number[] = [];
    await expect(downloadTree({ files: cutAfter(createLocalFiles(), 5 * 1024 * 1024, firstReads), source, root, resume: false, onProgress: () => {} })).rejects.toThrow(/stopped after .* What arrived is kept/);
    const partial = join(root, `big.bin${partialSuffix}`);
    const kept = readFileSync(partial).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(big.length);

    const secondReads: number[] = [];
    await downloadTree({ files: cutAfter(createLocalFiles(), Infinity, secondReads), source, root, resume: true, onProgress: () => {} });
    expect(secondReads[0]).toBe(kept);
    expect(readFileSync(join(root, 'big.bin')).equals(big)).toBe(true);
    expect(existsSync(partial)).toBe(false);
  });

  it('starts a file again when it changed on the cluster since the partial copy', async () => {
    const { folder } = remoteTree();
    const source = join(folder, 'big.bin');
    const root = mkdtempSync(join(tmpdir(), 'downloads-'));
    await expect(downloadTree({ files: cutAfter(createLocalFiles(), 4 * 1024 * 1024, []), source, root, resume: false, onProgress: () => {} })).rejects.toThrow();
    const changed = randomBytes(6 * 1024 * 1024);
    writeFileSync(source, changed);
    const reads: number[] = [];
    await downloadTree({ files: cutAfter(createLocalFiles(), Infinity, reads), source, root, resume: true, onProgress: () => {} });
    expect(reads[0]).toBe(0);
    expect(readFileSync(join(root, 'big.bin')).equals(changed)).toBe(true);
  });
});
