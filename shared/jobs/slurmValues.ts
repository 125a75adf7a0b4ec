import { z } from 'zod';
import { hasLoneSurrogate } from '../security/wellFormedText';
import { extraDirectiveProblem } from './extraDirective';

/**
 * Validators for every value that ends up in a Slurm directive or command line. They are strict
 * on purpose: a value that passes can sit in an `#SBATCH` line or an argv slot with no way to
 * split it, and a value that fails gets a message saying what is allowed.
 */

export const slurmIdentifier = (what: string) =>
  z
    .string()
    .min(1, `${what} is empty`)
    .max(64, `${what} is longer than 64 characters`)
    .regex(/^[A-Za-z0-9_.-]+$/, `${what} may contain only letters, digits, '_', '.' and '-'`);

export const PartitionSchema = slurmIdentifier('The partition');
export const AccountSchema = slurmIdentifier('The account');
export const QosSchema = slurmIdentifier('The QOS');

export const JobNameSchema = z
  .string()
  .min(1, 'The job name is empty')
  .max(128, 'The job name is longer than 128 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.+-]*$/, "A job name starts with a letter or digit and may contain only letters, digits, '_', '.', '+' and '-'");

/** A raw Slurm job id as sbatch prints it; array tasks are `123_4`. */
export const SlurmJobIdSchema = z.string().regex(/^\d{1,12}(_\d{1,7})?$/, 'A Slurm job id is digits, optionally _ and a task number');

export const ConstraintSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[A-Za-z0-9_.&|,:*[\]()!-]+$/, "A constraint may contain feature names and the operators & | , : * [ ] ( ) ! only, no spaces");

export const GresSchema = z
  .string()
  .max(256)
  .regex(/^[A-Za-z0-9_]+(:[A-Za-z0-9_.-]+)*(,[A-Za-z0-9_]+(:[A-Za-z0-9_.-]+)*)*$/, 'GRES looks like gpu:2 or gpu:a100:1 (comma-separated)');

export const GpusSchema = z
  .string()
  .max(64)
  .regex(/^([A-Za-z0-9_.-]+:)?[1-9]\d{0,3}$/, 'GPUs are a count (2) or type:count (a100:2)');

export const EnvNameSchema = z
  .string()
  .max(128)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'An environment variable name is letters, digits and _ and does not start with a digit')
  .refine((name) => !/^(SLURM_|SLURMDESK_)/.test(name), 'SLURM_* and SLURMDESK_* variables are set by the scheduler and the app');

export const EnvValueSchema = z
  .string()
  .max(128 * 1024)
  .refine((value) => !value.includes('\0'), 'An environment value cannot contain a NUL byte')
  .refine((value) => !hasLoneSurrogate(value), 'An environment value cannot contain invalid Unicode (a lone surrogate)');

/** One extra sbatch option, checked as sbatch itself would read it (see extraDirective.ts). */
export const ExtraDirectiveSchema = z
  .string()
  .max(512)
  .superRefine((value, context) => {
    const problem = extraDirectiveProblem(value);
    if (problem !== null) context.addIssue({ code: 'custom', message: problem });
  });

// Slurm time: minutes, minutes:seconds, hours:minutes:seconds, days-hours, days-hours:minutes,
// days-hours:minutes:seconds, or UNLIMITED.
const timePattern = /^(?:(\d{1,4})-(\d{1,2})(?::(\d{1,2})(?::(\d{1,2}))?)?|(\d{1,7})(?::(\d{1,2}))?(?::(\d{1,2}))?)$/;

/** Seconds in a Slurm time string, or null for UNLIMITED; throws nothing, returns undefined when invalid. */
export function parseSlurmTime(value: string): number | null | undefined {
  if (/^(UNLIMITED|INFINITE)$/i.test(value)) return null;
  const match = timePattern.exec(value);
  if (!match) return undefined;
  const n = (index: number) => Number(match[index] ?? 0);
  if (match[1] !== undefined) return ((n(1) * 24 + n(2)) * 60 + n(3)) * 60 + n(4);
  if (match[7] !== undefined) return (n(5) * 60 + n(6)) * 60 + n(7); // h:m:s
  if (match[6] !== undefined) return n(5) * 60 + n(6); // m:s
  return n(5) * 60; // minutes
}

export const SlurmTimeSchema = z
  .string()
  .max(32)
  .refine((value) => parseSlurmTime(value) !== undefined, 'A time limit looks like 30 (minutes), 2:00:00, 1-12:00:00 or UNLIMITED')
  .refine((value) => parseSlurmTime(value) !== 0, 'A time limit of zero would never run');

/** Megabytes in a Slurm memory size (`4000`, `4G`, `512M`), or undefined when invalid. */
export function parseMemoryMb(value: string): number | undefined {
  const match = /^(\d{1,9})([KMGT]?)B?$/i.exec(value);
  if (!match) return undefined;
  const factor = { '': 1, K: 1 / 1024, M: 1, G: 1024, T: 1024 * 1024 }[match[2]!.toUpperCase()]!;
  return Number(match[1]) * factor;
}

export const MemorySchema = z
  .string()
  .max(16)
  .refine((value) => (parseMemoryMb(value) ?? 0) > 0, 'Memory looks like 4000 (MB), 512M, 16G or 1T');
