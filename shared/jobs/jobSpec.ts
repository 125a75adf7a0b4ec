import { z } from 'zod';
import { hasLoneSurrogate } from '../security/wellFormedText';
import { maxArrayTasks, parseArrayRange } from './arrayRange';
import { PackagingSchema } from './packagingSpec';
import {
  AccountSchema,
  ConstraintSchema,
  EnvNameSchema,
  EnvValueSchema,
  ExtraDirectiveSchema,
  GpusSchema,
  GresSchema,
  JobNameSchema,
  MemorySchema,
  PartitionSchema,
  QosSchema,
  SlurmJobIdSchema,
  SlurmTimeSchema,
} from './slurmValues';

/** A job spec serialized larger than this is refused before anything is written. */
export const maxSpecBytes = 8 * 1024 * 1024;

/** The app's own id for a job: chosen before sbatch runs, sent in --comment, journaled first. */
export const JobIdSchema = z.string().regex(/^sd-[0-9a-f]{16}$/, 'A Slurm Desk job id looks like sd- and 16 hex digits');
export type JobId = z.infer<typeof JobIdSchema>;

export const ClusterNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "A cluster name may contain only letters, digits, '_', '.' and '-'");

const positiveInt = (what: string, max: number) =>
  z.number().int(`${what} must be a whole number`).min(1, `${what} must be at least 1`).max(max, `${what} must be at most ${max}`);

export const ResourcesSchema = z.strictObject({
  partition: PartitionSchema.optional(),
  account: AccountSchema.optional(),
  qos: QosSchema.optional(),
  time: SlurmTimeSchema.optional(),
  nodes: positiveInt('nodes', 100_000).optional(),
  ntasks: positiveInt('ntasks', 1_000_000).optional(),
  cpusPerTask: positiveInt('cpusPerTask', 4096).optional(),
  mem: MemorySchema.optional(),
  memPerCpu: MemorySchema.optional(),
  gpus: GpusSchema.optional(),
  gres: GresSchema.optional(),
  constraint: ConstraintSchema.optional(),
  extra: z.array(ExtraDirectiveSchema).max(64).default([]),
});
export type Resources = z.infer<typeof ResourcesSchema>;

const ScriptBodySchema = z
  .string()
  .min(1, 'The script is empty')
  .max(1024 * 1024, 'The script is larger than 1 MiB: upload it as a file instead')
  .refine((body) => !body.includes('\0'), 'The script contains a NUL byte')
  .refine((body) => !hasLoneSurrogate(body), 'The script contains invalid Unicode (a lone surrogate)');

/** `path/to/file.py:function` or `package.module:function` (a dotted attribute after ':' is allowed). */
export const PythonTargetSchema = z
  .string()
  .max(1024)
  .regex(
    /^(?:[^\s:'"`$\\;|&<>*?]+\.py|[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*):[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/,
    'A Python target looks like path/to/file.py:function or package.module:function',
  );

/** An interpreter: a command name (python3) or an absolute path, nothing a shell could split. */
export const InterpreterSchema = z
  .string()
  .max(512)
  .regex(/^(?:[A-Za-z0-9_.+-]+|\/[A-Za-z0-9_.+/-]+)$/, 'The interpreter is a command name like python3 or an absolute path');

const SetupLineSchema = z
  .string()
  .max(4096)
  .refine((line) => !/[\0\r\n]/.test(line), 'A setup line cannot contain a newline or NUL: give one line per entry');

export const JsonValueSchema = z.json();

/** A Python argument may stand for another job's result: resolved on the cluster, from its result.json. */
export const ResultRefSchema = z.strictObject({ $slurmdesk: z.literal('result'), job: JobIdSchema, task: z.number().int().min(0).optional() });

export const ScriptTaskSchema = z.strictObject({
  kind: z.literal('script'),
  /** The bash body; a file picked in the UI or named on the CLI is read into it before submission. */
  body: ScriptBodySchema,
  /** Where the body came from, for display only. */
  sourceFile: z.string().max(4096).optional(),
});

export const PythonTaskSchema = z.strictObject({
  kind: z.literal('python'),
  target: PythonTargetSchema,
  args: z.array(JsonValueSchema).max(10_000).default([]),
  kwargs: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'A keyword argument name must be a Python identifier'), JsonValueSchema).default({}),
  interpreter: InterpreterSchema.default('python3'),
  setup: z.array(SetupLineSchema).max(100).default([]),
});

export const TaskSchema = z.discriminatedUnion('kind', [ScriptTaskSchema, PythonTaskSchema]);
export type Task = z.infer<typeof TaskSchema>;

export const ArraySchema = z.union([
  z.strictObject({
    range: z.string().max(4096).superRefine((range, context) => {
      const parsed = parseArrayRange(range);
      if (typeof parsed === 'string') context.addIssue({ code: 'custom', message: parsed });
    }),
  }),
  z.strictObject({
    items: z.array(JsonValueSchema).min(1, 'An array needs at least one item').max(maxArrayTasks, `An array may have at most ${maxArrayTasks} items`),
    maxParallel: positiveInt('maxParallel', 100_000).optional(),
  }),
]);
export type ArraySpec = z.infer<typeof ArraySchema>;

export const dependencyTypes = ['afterok', 'afterany', 'afternotok', 'after'] as const;
export const DependencySchema = z.strictObject({
  type: z.enum(dependencyTypes),
  /** A job of this app (its sd- id) or any Slurm job by its raw id. */
  on: z.union([z.strictObject({ job: JobIdSchema }), z.strictObject({ slurmId: SlurmJobIdSchema })]),
});
export type Dependency = z.infer<typeof DependencySchema>;

const RelativePathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((path) => !path.startsWith('/') && !path.split('/').includes('..'), 'A path inside the project is relative and has no ".." parts');

/** Left out of uploaded folders unless the spec says otherwise: version control, caches, environments. */
export const defaultUploadIgnore = ['.git', 'node_modules', '__pycache__', '*.pyc', '.venv'];

/**
 * Files from this computer copied into the job's `project/` folder (the job's working folder),
 * keeping their paths relative to `root`. A Python file target is relative to the same root.
 */
export const UploadSchema = z.strictObject({
  /** An absolute folder on this computer. */
  root: z.string().min(1).max(4096).regex(/^(\/|[A-Za-z]:[\\/])/, 'The upload root must be an absolute path'),
  /** Files or folders under root; "." is all of it. */
  include: z.array(RelativePathSchema).min(1).max(1000).default(['.']),
  /** Simple patterns left out of folders: a name (node_modules), or *.ext. */
  ignore: z.array(z.string().min(1).max(512)).max(200).default(defaultUploadIgnore),
});
export type UploadSpec = z.infer<typeof UploadSchema>;

export const JobSpecSchema = z.strictObject({
  name: JobNameSchema,
  cluster: ClusterNameSchema,
  task: TaskSchema,
  resources: ResourcesSchema.default({ extra: [] }),
  array: ArraySchema.optional(),
  dependencies: z.array(DependencySchema).max(100).default([]),
  environment: z.record(EnvNameSchema, EnvValueSchema).default({}),
  upload: UploadSchema.optional(),
  /** The project's environment and container; without an upload only a container applies. */
  packaging: PackagingSchema.optional(),
});
/** What a caller writes (defaults may be left out). */
export type JobSpecInput = z.input<typeof JobSpecSchema>;
/** What the engine works with (defaults applied). */
export type JobSpec = z.infer<typeof JobSpecSchema>;
