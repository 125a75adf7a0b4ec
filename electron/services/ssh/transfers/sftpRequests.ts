import type { InputAttributes, OpenMode, SFTPWrapper, Stats } from 'ssh2';

/** SFTP status codes (draft-ietf-secsh-filexfer-02) that change what a transfer does or says. */
export const SftpStatus = { eof: 1, noSuchFile: 2, permissionDenied: 3, failure: 4, opUnsupported: 8 } as const;

export function sftpStatusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

/** The channel ended while a request was waiting for its answer. */
export class ChannelClosedError extends Error {
  constructor() {
    super('the SFTP channel closed');
  }
}

type Done<T> = (error: Error | null | undefined, value?: T) => void;

/**
 * The SFTP requests of one transfer, as promises. ssh2 silently drops a request made after its
 * channel closed and never calls back, so once the channel closes every request here fails at once.
 */
export class SftpRequests {
  private channelClosed = false;
  private readonly waiting = new Set<(error: Error) => void>();
  private readonly onClose = () => {
    this.channelClosed = true;
    for (const fail of this.waiting) fail(new ChannelClosedError());
    this.waiting.clear();
  };

  constructor(private readonly sftp: SFTPWrapper) {
    sftp.once('close', this.onClose);
  }

  get closed(): boolean {
    return this.channelClosed;
  }

  /** Stops watching the channel; call when the transfer is over. */
  dispose(): void {
    this.sftp.removeListener('close', this.onClose);
  }

  open(path: string, flags: OpenMode, attributes: InputAttributes = {}): Promise<Buffer> {
    return this.call((done) => this.sftp.open(path, flags, attributes, done));
  }

  close(handle: Buffer): Promise<void> {
    return this.call((done) => this.sftp.close(handle, done));
  }

  fstat(handle: Buffer): Promise<Stats> {
    return this.call((done) => this.sftp.fstat(handle, done));
  }

  stat(path: string): Promise<Stats> {
    return this.call((done) => this.sftp.stat(path, done));
  }

  /** Bytes read into `buffer` at `offset`; 0 at the end of the file. */
  read(handle: Buffer, buffer: Buffer, offset: number, length: number, position: number): Promise<number> {
    return this.call((done) => this.sftp.read(handle, buffer, offset, length, position, (error, bytes) => done(error, bytes)));
  }

  write(handle: Buffer, buffer: Buffer, offset: number, length: number, position: number): Promise<void> {
    return this.call((done) => this.sftp.write(handle, buffer, offset, length, position, done));
  }

  fchmod(handle: Buffer, mode: number): Promise<void> {
    return this.call((done) => this.sftp.fchmod(handle, mode, done));
  }

  /** fsync@openssh.com; false when the server does not offer it. */
  async fsync(handle: Buffer): Promise<boolean> {
    return this.extension((done) => this.sftp.ext_openssh_fsync(handle, (error) => done(error)));
  }

  /** posix-rename@openssh.com (replaces the target at once); false when the server does not offer it. */
  async posixRename(from: string, to: string): Promise<boolean> {
    return this.extension((done) => this.sftp.ext_openssh_rename(from, to, done));
  }

  /** Plain SFTP rename: most servers refuse it when the target exists. */
  rename(from: string, to: string): Promise<void> {
    return this.call((done) => this.sftp.rename(from, to, done));
  }

  unlink(path: string): Promise<void> {
    return this.call((done) => this.sftp.unlink(path, done));
  }

  private async extension(start: (done: Done<void>) => void): Promise<boolean> {
    try {
      await this.call(start);
      return true;
    } catch (error) {
      // ssh2 throws before sending when the server did not list the extension.
      if (error instanceof Error && /does not support this extended request/.test(error.message)) return false;
      if (sftpStatusOf(error) === SftpStatus.opUnsupported) return false;
      throw error;
    }
  }

  private call<T>(start: (done: Done<T>) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.channelClosed) return reject(new ChannelClosedError());
      const fail = (error: Error) => reject(error);
      this.waiting.add(fail);
      try {
        start((error, value) => {
          this.waiting.delete(fail);
          if (error) reject(error);
          else resolve(value as T);
        });
      } catch (error) {
        this.waiting.delete(fail);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }
}
