import type { CallbackEvent } from '../../../shared/slurmfile/callbackEvents';

/**
 * Messages between the app and a callback host (a child process that runs one Slurmfile
 * callback). JSON over the fork IPC channel; one event at a time, answered by its sequence number.
 */
export type ToHost =
  /** `sha256`: the trusted hash of the module's bytes; the host imports nothing else. */
  | { type: 'load'; modulePath: string; sha256: string; exportName: string; args: unknown[]; kwargs: Record<string, unknown> }
  | { type: 'event'; seq: number; event: CallbackEvent };

export type FromHost =
  | { type: 'loaded' }
  | { type: 'load-failed'; message: string }
  | { type: 'done'; seq: number }
  | { type: 'failed'; seq: number; message: string };

/** The hidden CLI command that runs a callback host. */
export const callbackHostCommand = 'callback-host';
