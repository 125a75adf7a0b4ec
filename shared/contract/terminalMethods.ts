import { z } from 'zod';
import { ClusterNameSchema } from '../jobs/jobSpec';
import { event, method } from './define';
import { JobRef } from './jobsMethods';

/** Keystrokes and pastes: a paste larger than this is sent in pieces. */
export const maxTerminalWriteChars = 64 * 1024;
/** One output event carries at most this much; more arrives as several events. */
export const maxTerminalOutputChars = 64 * 1024;

export const TerminalId = z.string().regex(/^term-[0-9a-f]{16}$/, 'A terminal is named term- and 16 hex digits');
/** A node name as Slurm prints it (no spaces, no shell characters). */
export const NodeNameSchema = z.string().min(1).max(128).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Not a node name');
const Columns = z.number().int().min(2).max(1000);
const Rows = z.number().int().min(1).max(500);

export const TerminalInfoSchema = z.strictObject({
  id: TerminalId,
  cluster: z.string(),
  /** The app's job id (sd-…) or a Slurm id; null for a shell on the login node or this computer. */
  job: z.string().nullable(),
  node: z.string().nullable(),
  title: z.string(),
});
export type TerminalInfo = z.infer<typeof TerminalInfoSchema>;

/**
 * Terminals: a shell on a cluster's login node, inside a running job (`srun --overlap --pty`), or
 * on this computer. Output goes as events to the window that opened the terminal and no other;
 * every other window's write, resize or close of it is refused.
 */
export const terminalMethods = {
  'terminal.open': method({
    summary: 'Open a shell (on the login node, inside a running job, or on this computer); output follows as terminal.output events.',
    params: z.strictObject({
      cluster: ClusterNameSchema,
      job: JobRef.nullable().default(null),
      /** For a job on several nodes: which of them (the first when null). */
      node: NodeNameSchema.nullable().default(null),
      cols: Columns.default(80),
      rows: Rows.default(24),
    }),
    result: TerminalInfoSchema,
  }),
  'terminal.write': method({
    summary: 'Keystrokes or a paste for a terminal this window opened.',
    params: z.strictObject({ id: TerminalId, data: z.string().min(1).max(maxTerminalWriteChars) }),
    result: z.strictObject({}),
  }),
  'terminal.resize': method({
    summary: 'The terminal window changed size.',
    params: z.strictObject({ id: TerminalId, cols: Columns, rows: Rows }),
    result: z.strictObject({}),
  }),
  'terminal.close': method({
    summary: 'End the shell and close the terminal.',
    params: z.strictObject({ id: TerminalId }),
    result: z.strictObject({}),
  }),
};

export const TerminalEndSchema = z.strictObject({
  id: TerminalId,
  /** Why it ended, in words: the shell exited, the job ended, the connection dropped. */
  reason: z.string(),
  kind: z.enum(['exited', 'job-ended', 'connection-lost', 'closed', 'failed']),
  exitCode: z.number().int().nullable(),
});
export type TerminalEnd = z.infer<typeof TerminalEndSchema>;

export const terminalEvents = {
  'terminal.output': event({
    summary: 'Bytes a terminal printed (UTF-8 text with its escape sequences), for xterm.js only.',
    payload: z.strictObject({ id: TerminalId, data: z.string().max(maxTerminalOutputChars) }),
  }),
  'terminal.ended': event({
    summary: 'A terminal ended; nothing more arrives for it.',
    payload: TerminalEndSchema,
  }),
};
