import { z } from 'zod';
import { JobStateSchema } from '../jobs/jobState';
import { method } from './define';
import { JobRef } from './jobsMethods';

const CellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const CellsSchema = z.record(z.string(), CellSchema);

/** One task of an array (or one ordinary job when runs are compared) as a row of the results table. */
export const ResultRowSchema = z.strictObject({
  job: z.string(),
  jobName: z.string(),
  task: z.number().int().min(0).nullable(),
  state: JobStateSchema,
  elapsedSeconds: z.number().min(0).nullable(),
  /** json: `cells` hold its fields; error: the exception; too-large / unreadable: see `note`; none: nothing yet. */
  kind: z.enum(['json', 'repr', 'error', 'too-large', 'unreadable', 'none']),
  cells: CellsSchema,
  /** The task's array item (`item.*`) or the job's arguments (`args.*`, `kwargs.*`), flattened like the result. */
  inputs: CellsSchema,
  note: z.string().nullable(),
});
export type ResultRow = z.infer<typeof ResultRowSchema>;

export const ResultsTableSchema = z.strictObject({
  rows: z.array(ResultRowSchema),
  /** Result columns and input columns, in the order first seen. */
  columns: z.array(z.string()),
  inputColumns: z.array(z.string()),
  /** Set when the remote read reached its byte limit: the rows past it have kind `unreadable`. */
  truncated: z.boolean(),
});
export type ResultsTable = z.infer<typeof ResultsTableSchema>;

const GrepPattern = z
  .string()
  .min(1)
  .max(200)
  .refine((text) => ![...text].some((character) => character < ' ' || character === '\u007f'), 'The search text may not contain control characters');

export const GrepHitsSchema = z.strictObject({
  tasks: z.array(
    z.strictObject({
      task: z.number().int().min(0),
      /** Lines shown (at most `perTask`); `more` when the task had more matching lines. */
      lines: z.array(z.strictObject({ line: z.number().int().min(1), text: z.string() })),
      more: z.boolean(),
    }),
  ),
  truncated: z.boolean(),
});

/** Results and logs of many tasks at once, each read with one command on the cluster. */
export const resultsMethods = {
  'results.table': method({
    summary: "One array's tasks (or a chosen set of jobs, to compare runs) as rows: state, elapsed time, the JSON result's fields flattened, and the inputs beside them.",
    params: z.strictObject({ ids: z.array(JobRef).min(1).max(500) }),
    result: ResultsTableSchema,
  }),
  'results.grep': method({
    summary: "Lines of every task's stdout (or stderr) that contain a text, searched on the cluster, a few per task.",
    params: z.strictObject({ id: JobRef, text: GrepPattern, stream: z.enum(['stdout', 'stderr']).default('stdout'), perTask: z.number().int().min(1).max(50).default(5) }),
    result: GrepHitsSchema,
  }),
};
