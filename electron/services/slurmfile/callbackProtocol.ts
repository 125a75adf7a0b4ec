import type { CallbackEvent } from '../../../shared/slurmfile/callbackEvents';

/**
 * Messages between the app and a callback host (a child process that runs one Slurmfile
 * callback). JSON over the fork IPC channel; one event at a time, answered by its sequence number.
 */
export type ToHost =
  /**
   * `bundlePath`: the bundle pinned when the Slurmfile was trusted (the module and all it imports);
   * `bundleSha256` its hash. The host checks it and imports nothing else. `modulePath` names the
   * callback module in messages.
   */
  | { type: 'load'; modulePath: string; bundlePath: string; bundleSha256: string; exportName: string; args: unknown[]; kwargs: Record<string, unknown> }
  | { type: 'event'; seq: number; event: CallbackEvent };

export type FromHost =
  | { type: 'loaded' }
  | { type: 'load-failed'; message: string }
  | { type: 'done'; seq: number }
  | { type: 'failed'; seq: number; message: string };

/** The hidden CLI command that runs a callback host. */
export const callbackHostCommand = 'callback-host';
