import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalFiles } from '../../../../../electron/services/backends/local/localFiles';
import { FileReadErrorCode, readRegularFile, readRegularFileAsync, readRegularFileOrThrow } from '../../../../../electron/services/fs/readRegularFile';

const folder = mkdtempSync(join(tmpdir(), 'slurmdesk-bounded-read-'));
const fifo = join(folder, 'pipe');
execFileSync('mkfifo', [fifo]);

describe('the one bounded regular-file reader', () => {
  it('names what a refused path is', async () => {
    expect(readRegularFile('/dev/zero', 10)).toEqual({ ok: false, problem: 'not-a-file', kind: 'character device' });
    expect(readRegularFile(fifo, 10)).toEqual({ ok: false, problem: 'not-a-file', kind: 'pipe (FIFO)' });
    expect(readRegularFile(folder, 10)).toEqual({ ok: false, problem: 'not-a-file', kind: 'folder' });
    const socketPath = join(folder, 'socket');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    try {
      expect(readRegularFile(socketPath, 10)).toEqual({ ok: false, problem: 'not-a-file', kind: 'socket' });
    } finally {
      server.close();
    }
  });

  it('refuses a file over the limit naming the limit, and reads one within it', async () => {
    const file = join(folder, 'eleven');
    writeFileSync(file, 'hello world');
    expect(() => readRegularFileOrThrow(file, 10, 'the test file')).toThrow(
      expect.objectContaining({ code: FileReadErrorCode.tooLarge, message: `The test file ${file} is 11 bytes; at most 10 bytes are read. Pick the right file.` }),
    );
    expect((await readRegularFileAsync(file, 11, 'the test file')).toString()).toBe('hello world');
    await expect(readRegularFileAsync(fifo, 11, 'the test file')).rejects.toMatchObject({ code: FileReadErrorCode.notRegular });
    await expect(readRegularFileAsync(join(folder, 'absent'), 11, 'the test file')).rejects.toMatchObject({ code: FileReadErrorCode.unreadable });
  });

  it('never waits on a FIFO a job left where its log should be (local and embedded clusters)', async () => {
    const files = createLocalFiles();
    const started = Date.now();
    await expect(files.readFile(fifo, { offset: 0, length: 4096 })).rejects.toMatchObject({ code: FileReadErrorCode.notRegular });
    await expect(files.readFile(fifo)).rejects.toMatchObject({ code: FileReadErrorCode.notRegular });
    await expect(files.readFile('/dev/zero')).rejects.toMatchObject({ code: FileReadErrorCode.notRegular });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await files.readFile(join(folder, 'absent'))).toBeNull();
  });
});
