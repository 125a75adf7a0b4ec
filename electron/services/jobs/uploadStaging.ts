import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { ClusterFiles } from '../backends/types';
import type { TransferProgress } from './downloadJobFile';

type Upload = { path: string; received: number; size: number };

/** Backends without a streaming upload get the whole file in memory: refuse what would not fit. */
export const maxWholeFileUpload = 512 * 1024 * 1024;
const uploadedMode = 0o640;

/**
 * Chunks of files sent from a window, gathered on this computer under private temporary names
 * until the last one arrives; only then does the file go to the job folder, itself under a
 * temporary name renamed into place (the backend's atomic write), so a job never sees half a file.
 */
export class UploadStaging {
  private readonly uploads = new Map<string, Upload>();

  constructor(private readonly dir: string) {}

  /** Appends one chunk; chunks come in order, the first at offset 0 (which starts afresh). */
  async append(jobId: string, name: string, chunk: { offset: number; size: number; data: Uint8Array }): Promise<number> {
    const key = `${jobId}\0${name}`;
    let upload = this.uploads.get(key);
    if (chunk.offset === 0) {
      if (upload) await unlink(upload.path).catch(() => {});
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      await chmod(this.dir, 0o700);
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
        await files.writeFileAtomic(target, await readFile(upload.path), uploadedMode);
        onProgress({ transferred: staged, total: staged, bytesPerSecond: 0 });
      },
      discard: () => unlink(upload.path).catch(() => {}),
    };
  }
}
