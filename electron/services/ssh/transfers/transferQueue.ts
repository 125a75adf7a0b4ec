import type { SFTPWrapper } from 'ssh2';
import { AppError } from '../../../../shared/errors';
import { downloadFile, uploadFile, type TransferOptions } from './sftpTransfer';
import { cancelledError, TransferErrorCode } from './transferErrors';

/** Where a queued transfer gets its SFTP channel when its turn comes (an SshConnection). */
export type SftpSource = { sftp(): Promise<SFTPWrapper> };

type Waiting = { start: () => void };

/**
 * Runs at most `limit` transfers of one connection at once; the rest wait their turn in order.
 * Transfers share the connection's one SFTP channel with log reads, and the server answers
 * requests in order, so every transfer in flight delays a log read by its pipeline's worth of data.
 */
export class TransferQueue {
  private active = 0;
  private readonly waiting: Waiting[] = [];

  constructor(readonly limit = 2) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`TransferQueue limit must be a whole number of at least 1, not ${limit}`);
  }

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  upload(source: SftpSource, localPath: string, remotePath: string, options: TransferOptions = {}): Promise<void> {
    return this.run(async () => uploadFile(await source.sftp(), localPath, remotePath, options), {
      signal: options.signal,
      cancelled: () => cancelledError({ direction: 'upload', localPath, remotePath }),
    });
  }

  download(source: SftpSource, remotePath: string, localPath: string, options: TransferOptions = {}): Promise<void> {
    return this.run(async () => downloadFile(await source.sftp(), remotePath, localPath, options), {
      signal: options.signal,
      cancelled: () => cancelledError({ direction: 'download', localPath, remotePath }),
    });
  }

  /** Runs `work` when a slot is free; a transfer cancelled while waiting never starts. */
  async run<T>(work: () => Promise<T>, options: { signal?: AbortSignal | undefined; cancelled?: () => AppError } = {}): Promise<T> {
    const cancelled = options.cancelled ?? (() => new AppError(TransferErrorCode.cancelled, 'The transfer was cancelled before it started.'));
    if (options.signal?.aborted) throw cancelled();
    if (this.active >= this.limit) await this.turn(options.signal, cancelled);
    this.active += 1;
    try {
      return await work();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.start();
    }
  }

  private turn(signal: AbortSignal | undefined, cancelled: () => AppError): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const index = this.waiting.indexOf(entry);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(cancelled());
      };
      const entry: Waiting = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.waiting.push(entry);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

const queues = new WeakMap<object, TransferQueue>();

/** The one queue of a connection (created on first use), so every caller shares its limit. */
export function transferQueueFor(connection: object, limit = 2): TransferQueue {
  let queue = queues.get(connection);
  if (!queue) {
    queue = new TransferQueue(limit);
    queues.set(connection, queue);
  }
  return queue;
}
