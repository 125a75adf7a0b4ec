/** A program running on a pseudo-terminal, here or on a cluster: what a terminal tab talks to. */
export interface PtyProcess {
  write(data: string): void;
  resize(cols: number, rows: number): void;
  /** Hangs up: the shell gets SIGHUP (or the channel closes) and the exit follows. */
  kill(): void;
  onData(listener: (chunk: Buffer) => void): void;
  /** Once: the exit status, or null when it ended without one (a signal, a dropped connection). */
  onExit(listener: (exitCode: number | null) => void): void;
}

export type PtySize = { cols: number; rows: number };
