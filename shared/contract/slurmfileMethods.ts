import { z } from 'zod';
import { JobSummarySchema } from '../jobs/jobRecord';
import { JobSpecSchema } from '../jobs/jobSpec';
import { method } from './define';

const FilePath = z.string().min(1).max(4096);
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'A SHA-256 is 64 lowercase hex digits');
const EnvironmentName = z.string().min(1).max(128);

export const SlurmfileProblemSchema = z.strictObject({
  severity: z.enum(['error', 'warning']),
  /** `file:line:column`, or the file alone when the problem has no place in it. */
  where: z.string(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
  message: z.string(),
});
export type SlurmfileProblem = z.infer<typeof SlurmfileProblemSchema>;

export const SlurmfileTemplateSummarySchema = z.strictObject({
  name: z.string(),
  description: z.string().nullable(),
  kind: z.enum(['script', 'python']),
  /** The script file, the inline command's first line or the Python target. */
  summary: z.string(),
});

export const SlurmfileCallbackSummarySchema = z.strictObject({
  target: z.string(),
  /** Python targets (the SDK's layout) are listed, not run. */
  runs: z.boolean(),
});

export const SlurmfileViewSchema = z.strictObject({
  file: z.string(),
  sha256: z.string(),
  environments: z.array(z.string()),
  /** Null when the file is invalid or names no environment that can be chosen. */
  chosen: z.string().nullable(),
  cluster: z
    .strictObject({
      name: z.string(),
      backend: z.enum(['ssh', 'local', 'embedded']),
      host: z.string().nullable(),
      user: z.string().nullable(),
      /** The environment names its cluster; without it, This computer is only the default and the window keeps the cluster chosen. */
      named: z.boolean().optional(),
    })
    .nullable(),
  templates: z.array(SlurmfileTemplateSummarySchema),
  callbacks: z.array(SlurmfileCallbackSummarySchema),
  trusted: z.boolean(),
  /** What this environment would set but does not, because the file is not trusted (one line each, with why). */
  ignored: z.array(z.string()).default([]),
  problems: z.array(SlurmfileProblemSchema),
});
export type SlurmfileView = z.infer<typeof SlurmfileViewSchema>;

export const TrustedSlurmfileSchema = z.strictObject({
  file: z.string(),
  sha256: z.string(),
  targets: z.array(z.string()),
  /**
   * Each callback module trusted with the file: the SHA-256 of its bytes, of the bundle of it and
   * all it imports (the only code its callback runs) and of each file that bundle came from.
   * Entries from before bundles have no bundle: their callbacks need trusting again.
   */
  callbackModules: z.array(z.strictObject({
    path: z.string(),
    sha256: z.string(),
    bundleSha256: z.string().optional(),
    files: z.array(z.strictObject({ path: z.string(), sha256: z.string() })).optional(),
  })),
  trustedAt: z.string(),
});

export const slurmfileMethods = {
  'slurmfiles.open': method({
    summary: 'Read a Slurmfile (or find one in a project folder): environments, templates, callback targets, trust and problems with their location.',
    params: z.strictObject({ path: FilePath, environment: EnvironmentName.optional() }),
    result: SlurmfileViewSchema,
  }),
  'slurmfiles.trust': method({
    summary: "Trust this exact content of a Slurmfile (its SHA-256) and of the callback modules it names, so its templates and callbacks load; refused if the file changed since it was shown.",
    params: z.strictObject({ file: FilePath, sha256: Sha256 }),
    result: SlurmfileViewSchema,
  }),
  'slurmfiles.revoke': method({
    summary: 'Stop trusting a Slurmfile: its templates and callbacks no longer load.',
    params: z.strictObject({ file: FilePath }),
    result: z.strictObject({ revoked: z.boolean() }),
  }),
  'slurmfiles.trusted': method({
    summary: 'The Slurmfiles trusted on this computer, with the hash and callback targets trusted.',
    params: z.strictObject({}),
    result: z.strictObject({ slurmfiles: z.array(TrustedSlurmfileSchema) }),
  }),
  'slurmfiles.recent': method({
    summary: 'Slurmfiles opened recently, newest first.',
    params: z.strictObject({}),
    result: z.strictObject({ slurmfiles: z.array(z.strictObject({ file: z.string(), openedAt: z.string() })) }),
  }),
  'slurmfiles.template': method({
    summary: 'A template of a trusted Slurmfile as a job spec, ready for the Submit form.',
    params: z.strictObject({ file: FilePath, environment: EnvironmentName, name: z.string().min(1).max(64) }),
    result: z.strictObject({ spec: JobSpecSchema }),
  }),
  'slurmfiles.submit': method({
    summary: "Submit a job under a trusted Slurmfile's environment, so its callbacks are told of the job's events.",
    params: z.strictObject({ file: FilePath, environment: EnvironmentName, template: z.string().min(1).max(64).optional(), spec: JobSpecSchema }),
    result: JobSummarySchema,
  }),
};
