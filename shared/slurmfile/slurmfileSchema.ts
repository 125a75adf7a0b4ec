import { z } from 'zod';
import { parseArrayRange } from '../jobs/arrayRange';
import { HostKeyPolicySchema, HostSchema, PortSchema, UserSchema } from '../clusters/clusterProfile';
import { ClusterNameSchema, InterpreterSchema, PythonTargetSchema } from '../jobs/jobSpec';
import { SlurmfilePackagingSchema } from './packagingTable';
import {
  AccountSchema, ConstraintSchema, EnvNameSchema, EnvValueSchema, ExtraDirectiveSchema, GpusSchema, GresSchema, JobNameSchema,
  MemorySchema, PartitionSchema, QosSchema, SlurmTimeSchema,
} from '../jobs/slurmValues';

/**
 * One environment of a Slurmfile, as written in TOML (snake_case keys, strict: an unknown key is
 * an error with its location). Two layouts are read: Slurm Desk's own (`cluster.host`, …) and the
 * Python Slurm SDK's (`cluster.backend_config.hostname`, …), so an existing project's file works.
 */
const count = (what: string) => z.number().int(`${what} must be a whole number`).min(1, `${what} must be at least 1`).max(1_000_000);
const text = z.string().max(4096);

export const SlurmfileResourcesSchema = z.strictObject({
  partition: PartitionSchema.optional(),
  account: AccountSchema.optional(),
  qos: QosSchema.optional(),
  time: SlurmTimeSchema.optional(),
  nodes: count('nodes').optional(),
  ntasks: count('ntasks').optional(),
  cpus_per_task: count('cpus_per_task').optional(),
  mem: MemorySchema.optional(),
  mem_per_cpu: MemorySchema.optional(),
  gpus: GpusSchema.optional(),
  gres: GresSchema.optional(),
  constraint: ConstraintSchema.optional(),
  extra: z.array(ExtraDirectiveSchema).max(64).optional(),
});
export type SlurmfileResources = z.infer<typeof SlurmfileResourcesSchema>;

/** The Python SDK's SSH settings; secrets are refused before this schema runs. */
const SeedBackendConfigSchema = z.strictObject({
  hostname: HostSchema.optional(),
  port: PortSchema.optional(),
  username: UserSchema.optional(),
  key_filename: z.union([text, z.array(text).max(16)]).optional(),
  look_for_keys: z.boolean().optional(),
  allow_agent: z.boolean().optional(),
  banner_timeout: z.number().min(0).optional(),
  timeout: z.number().min(0).optional(),
});

export const slurmfileBackends = ['ssh', 'local', 'embedded'] as const;

export const SlurmfileClusterSchema = z.strictObject({
  backend: z.enum(slurmfileBackends, 'backend is one of ssh, local, embedded').default('embedded'),
  /** The cluster name jobs carry; for ssh, a saved profile of that name wins over these settings. */
  name: ClusterNameSchema.optional(),
  host: HostSchema.optional(),
  port: PortSchema.optional(),
  user: UserSchema.optional(),
  key: z.union([text, z.array(text).max(16)]).optional(),
  /** ProxyJump hops, nearest first: `user@host` or `user@host:port`. */
  jump: z.array(z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*@[A-Za-z0-9.:_%-]+$/, 'A jump host looks like user@host or user@host:port')).max(4).optional(),
  job_base_dir: z.string().max(1024).regex(/^(~\/|\/)[^\0\n\r]*$|^~$/, 'job_base_dir starts with / or ~/').optional(),
  host_key_policy: HostKeyPolicySchema.optional(),
  backend_config: SeedBackendConfigSchema.optional(),
});
export type SlurmfileCluster = z.infer<typeof SlurmfileClusterSchema>;

/** `./hooks/notify.mjs:Notifier` (JavaScript, run by Slurm Desk) or the SDK's `package.module:Class` (Python, listed but not run). */
export const CallbackTargetSchema = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^[^:\0]+:[A-Za-z_$][A-Za-z0-9_$]*$/, 'A callback target looks like ./hooks/notify.mjs:Notifier');

export const SlurmfileCallbackSchema = z.union([
  CallbackTargetSchema,
  z.strictObject({
    target: CallbackTargetSchema,
    args: z.array(z.json()).max(100).default([]),
    kwargs: z.record(z.string(), z.json()).default({}),
    /** How long one event may take before the callback is stopped (default 10 s). */
    timeout_ms: z.number().int().min(100).max(600_000).optional(),
  }),
]);
export type SlurmfileCallback = z.infer<typeof SlurmfileCallbackSchema>;

export const SlurmfileTemplateSchema = z
  .strictObject({
    description: z.string().max(2000).optional(),
    /** The job name (default: the template's name). */
    name: JobNameSchema.optional(),
    /** A bash script file, relative to the Slurmfile's folder. */
    script: text.optional(),
    /** An inline bash body. */
    command: z.string().min(1).max(1024 * 1024).optional(),
    /** A Python function, `path/to/file.py:function` (relative to the project) or `package.module:function`. */
    python: PythonTargetSchema.optional(),
    args: z.array(z.json()).max(10_000).optional(),
    kwargs: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'A keyword argument name must be a Python identifier'), z.json()).optional(),
    interpreter: InterpreterSchema.optional(),
    setup: z.array(z.string().max(4096).refine((line) => !/[\0\r\n]/.test(line), 'A setup line cannot contain a newline: give one line per entry')).max(100).optional(),
    resources: SlurmfileResourcesSchema.optional(),
    /** An array range like 0-99%5. */
    array: z.string().max(4096).superRefine((range, context) => {
      const parsed = parseArrayRange(range);
      if (typeof parsed === 'string') context.addIssue({ code: 'custom', message: parsed });
    }).optional(),
    environment: z.record(EnvNameSchema, EnvValueSchema).optional(),
    /** More files or folders to copy with the job, relative to the Slurmfile's folder. */
    upload: z.array(z.string().min(1).max(4096)).max(1000).optional(),
  })
  .superRefine((template, context) => {
    const kinds = ['script', 'command', 'python'].filter((key) => template[key as 'script' | 'command' | 'python'] !== undefined);
    if (kinds.length !== 1) {
      context.addIssue({ code: 'custom', message: kinds.length === 0 ? 'A template needs one of script, command or python' : `A template has one of script, command or python, not ${kinds.join(' and ')}` });
    }
    if (template.python === undefined && (template.args || template.kwargs || template.interpreter || template.setup)) {
      context.addIssue({ code: 'custom', message: 'args, kwargs, interpreter and setup belong to a python template' });
    }
  });
export type SlurmfileTemplate = z.infer<typeof SlurmfileTemplateSchema>;

export const SlurmfileEnvironmentSchema = z.strictObject({
  cluster: SlurmfileClusterSchema.default({ backend: 'embedded' }),
  submit: SlurmfileResourcesSchema.default({}),
  templates: z.record(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'A template name is letters, digits, _, . and -'), SlurmfileTemplateSchema).default({}),
  callbacks: z.array(SlurmfileCallbackSchema).max(32).default([]),
  /** What jobs ship and run in: Slurm Desk's keys and the Python SDK's (see packagingTable.ts). */
  packaging: SlurmfilePackagingSchema.optional(),
});
export type SlurmfileEnvironment = z.infer<typeof SlurmfileEnvironmentSchema>;

/** The sections an environment may have: at the root of a file they form its base layer. */
export const environmentSections = ['cluster', 'submit', 'templates', 'callbacks', 'packaging'] as const;

/** Keys that hold a secret: never in a Slurmfile, which lives in a project and its repository. */
export const secretKeys = ['password', 'passphrase'] as const;

/** A callback entry in one shape: target with its arguments. */
export function normalizeCallback(entry: SlurmfileCallback): { target: string; args: unknown[]; kwargs: Record<string, unknown>; timeoutMs: number | null } {
  if (typeof entry === 'string') return { target: entry, args: [], kwargs: {}, timeoutMs: null };
  return { target: entry.target, args: entry.args, kwargs: entry.kwargs, timeoutMs: entry.timeout_ms ?? null };
}
