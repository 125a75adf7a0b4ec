import type { InputAttributes, OpenMode, SFTPWrapper, Stats } from 'ssh2';

/** SFTP status codes (draft-ietf-secsh-filexfer-02) that change what a transfer does or says. */
export const SftpStatus = { eof: 1, noSuchFile: 2, permissionDenied: 3, failure: 4, opUnsupported: 8 } as const;

export function sftpStatusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

/** The channel ended while a request was waiting for its answer, or before it was sent. */
export class ChannelClosedError extends Error {
  /** As a socket says it, so callers that tell "out of reach" from "refused" see it as out of reach. */
  readonly code = 'ENOTCONN';
  constructor() {
    super('the SFTP channel closed');
  }
}

type Done<T> = (error: Error | null | undefined, value?: T) => void;

const closedChannels = new WeakSet<SFTPWrapper>();

/**
 * Whether a request sent now can be answered. ssh2 drops a request on a channel that is closing,
 * or whose connection died (its incoming side ended: `readable` false, though `outgoing.state`
 * may still say open), without ever calling back.
 */
function isOpen(sftp: SFTPWrapper): boolean {
  const channel = sftp as unknown as { readable?: unknown; outgoing?: { state?: unknown } };
  if (closedChannels.has(sftp) || channel.readable === false) return false;
  const state = channel.outgoing?.state;
  return state === undefined || state === 'open';
}

const waitingOn = new WeakMap<SFTPWrapper, Set<(error: Error) => void>>();

/**
 * One SFTP request as a promise that fails, never hangs, when the channel is closed or closes
 * before the answer: ssh2 drops a request made on a closing channel without ever calling back.
 * One close listener per channel, however many requests wait on it.
 */
export function sftpCall<T>(sftp: SFTPWrapper, start: (done: Done<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (!isOpen(sftp)) return reject(new ChannelClosedError());
    let waiting = waitingOn.get(sftp);
    if (!waiting) {
      const failures = new Set<(error: Error) => void>();
      const failAll = () => {
        closedChannels.add(sftp);
        for (const fail of failures) fail(new ChannelClosedError());
        failures.clear();
      };
      sftp.once('end', failAll);
      sftp.once('close', failAll);
      waitingOn.set(sftp, failures);
      waiting = failures;
    }
    const requests = waiting;
    const fail = (error: Error) => reject(error);
    requests.add(fail);
    try {
      start((error, value) => {
        requests.delete(fail);
        if (error) reject(error);
        else resolve(value as T);
      });
    } catch (error) {
      requests.delete(fail);
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

/**
 * The SFTP requests of one transfer, as promises; once the channel closes every request here
 * fails at once (see sftpCall).
 */
export class SftpRequests {
  constructor(private readonly sftp: SFTPWrapper) {}

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
    return sftpCall(this.sftp, start);
  }
}
