import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { ClusterFiles } from '../backends/types';
import { readRegularFileAsync } from '../fs/readRegularFile';
import type { TransferProgress } from './downloadJobFile';

type Upload = { path: string; received: number; size: number };

/** Backends without a streaming upload get the whole file in memory: refuse what would not fit. */
export const maxWholeFileUpload = 512 * 1024 * 1024;
const uploadedMode = 0o640;
/** A staged file untouched since before this process started belongs to no upload under way here. */
const processStartedAt = Date.now() - process.uptime() * 1000;

/**
 * Chunks of files sent from a window, gathered on this computer under private temporary names
 * until the last one arrives; only then does the file go to the job folder, itself under a
 * temporary name renamed into place (the backend's atomic write), so a job never sees half a file.
 */
export class UploadStaging {
  private readonly uploads = new Map<string, Upload>();
  private swept = false;

  constructor(private readonly dir: string) {}

  /** Appends one chunk; chunks come in order, the first at offset 0 (which starts afresh). */
  async append(jobId: string, name: string, chunk: { offset: number; size: number; data: Uint8Array }): Promise<number> {
    const key = `${jobId}\0${name}`;
    let upload = this.uploads.get(key);
    if (chunk.offset === 0) {
      if (upload) await unlink(upload.path).catch(() => {});
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      await chmod(this.dir, 0o700);
      await this.removeStale();
      upload = { path: join(this.dir, `${randomBytes(8).toString('hex')}.part`), received: 0, size: chunk.size };
      this.uploads.set(key, upload);
    }
    if (!upload || upload.received !== chunk.offset || upload.size !== chunk.size) {
      throw new AppError('upload-out-of-order', `The upload of ${name} lost its place (expected byte ${upload?.received ?? 0}, got ${chunk.offset}); start it again.`);
    }
    if (upload.received + chunk.data.length > upload.size) {
      throw new AppError('upload-too-long', `${name} is longer than the ${upload.size} bytes announced; start it again.`);
    }
    const handle = await open(upload.path, chunk.offset === 0 ? 'wx' : 'r+', 0o600);
    try {
      await handle.write(chunk.data, 0, chunk.data.length, chunk.offset);
    } finally {
      await handle.close();
    }
    upload.received += chunk.data.length;
    return upload.received;
  }

  /** Staged chunks of uploads an earlier run was stopped in the middle of: never finished, so removed, once. */
  private async removeStale(): Promise<void> {
    if (this.swept) return;
    this.swept = true;
    for (const name of await readdir(this.dir).catch(() => [])) {
      if (!name.endsWith('.part')) continue;
      const path = join(this.dir, name);
      const info = await stat(path).catch(() => null);
      if (info?.isFile() && info.mtimeMs < processStartedAt) await unlink(path).catch(() => {});
    }
  }

  /** The complete staged file, ready to move into the job folder. */
  finish(jobId: string, name: string, size: number) {
    const key = `${jobId}\0${name}`;
    const upload = this.uploads.get(key);
    if (!upload || upload.received !== size) {
      throw new AppError('upload-incomplete', `${name} arrived with ${upload?.received ?? 0} of ${size} bytes; start it again.`);
    }
    this.uploads.delete(key);
    return {
      moveTo: async (files: ClusterFiles, target: string, onProgress: (progress: TransferProgress) => void) => {
        if (files.uploadFrom) {
          await files.uploadFrom(upload.path, target, uploadedMode, { onProgress });
          return;
        }
        const { size: staged } = await stat(upload.path);
        if (staged > maxWholeFileUpload) throw new AppError('upload-too-large', `${name} is ${staged} bytes; this cluster takes uploads of up to ${maxWholeFileUpload} bytes from the app.`);
        await files.writeFileAtomic(target, await readRegularFileAsync(upload.path, maxWholeFileUpload, 'the staged upload'), uploadedMode);
        onProgress({ transferred: staged, total: staged, bytesPerSecond: 0 });
      },
      discard: () => unlink(upload.path).catch(() => {}),
    };
  }
}
