import { z } from 'zod';

/**
 * How well a finished job used what it asked for, as `seff` computes it: elapsed against the time
 * limit, CPU efficiency = TotalCPU / (elapsed × allocated CPUs), the memory peak (the largest
 * MaxRSS over the job's steps) against the memory requested, and GPUs where accounting records them.
 * A value Slurm did not record is null, never 0.
 */
export const JobEfficiencySchema = z.strictObject({
  elapsedSeconds: z.number().min(0).nullable(),
  timeLimitSeconds: z.number().min(0).nullable(),
  /** elapsed / limit, 0..1 (more than 1 only for a job that overran a grace period). */
  timeUsed: z.number().min(0).nullable(),
  allocatedCpus: z.number().int().min(0).nullable(),
  totalCpuSeconds: z.number().min(0).nullable(),
  cpuEfficiency: z.number().min(0).nullable(),
  maxRssBytes: z.number().min(0).nullable(),
  requestedMemoryBytes: z.number().min(0).nullable(),
  memoryEfficiency: z.number().min(0).nullable(),
  /** GPUs allocated (AllocTRES gres/gpu); null when none were or accounting does not say. */
  gpus: z.number().int().min(0).nullable(),
  /** GPU utilisation 0..1 where the site records it (TRESUsageInAve gres/gpuutil); else null. */
  gpuUtilization: z.number().min(0).nullable(),
  /** Plain advice when a request was far too large ("asked 64 GB, used 3.1 GB"); empty when fine. */
  hints: z.array(z.string()),
});
export type JobEfficiency = z.infer<typeof JobEfficiencySchema>;

/** What efficiency is computed from: sacct's numbers, already in seconds and bytes. */
export type EfficiencyInput = {
  elapsedSeconds: number | null;
  timeLimitSeconds: number | null;
  allocatedCpus: number | null;
  totalCpuSeconds: number | null;
  maxRssBytes: number | null;
  requestedMemoryBytes: number | null;
  gpus: number | null;
  gpuUtilization: number | null;
};

// A request is "far too large" when less than this share of it was used; below a few minutes or a
// gigabyte the advice is noise, so those stay quiet.
const wastefulShare = 0.25;
const minHintMemoryBytes = 1024 ** 3;
const minHintSeconds = 10 * 60;

function ratio(used: number | null, of: number | null): number | null {
  if (used === null || of === null || of <= 0) return null;
  return used / of;
}

/** Bytes in the units people use for memory requests: `3.1 GB`, `512 MB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = value >= 10 || unit === 0 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

function formatHours(seconds: number): string {
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min`;
  const hours = seconds / 3600;
  return `${hours >= 10 ? hours.toFixed(0) : hours.toFixed(1)} h`;
}

export function computeEfficiency(input: EfficiencyInput): JobEfficiency {
  const cpuCapacity = input.elapsedSeconds !== null && input.allocatedCpus !== null ? input.elapsedSeconds * input.allocatedCpus : null;
  const cpuEfficiency = ratio(input.totalCpuSeconds, cpuCapacity);
  const memoryEfficiency = ratio(input.maxRssBytes, input.requestedMemoryBytes);
  const timeUsed = ratio(input.elapsedSeconds, input.timeLimitSeconds);
  const hints: string[] = [];
  if (memoryEfficiency !== null && memoryEfficiency < wastefulShare && input.requestedMemoryBytes! >= minHintMemoryBytes) {
    hints.push(`asked ${formatBytes(input.requestedMemoryBytes!)}, used ${formatBytes(input.maxRssBytes!)}`);
  }
  if (timeUsed !== null && timeUsed < wastefulShare && input.timeLimitSeconds! >= minHintSeconds) {
    hints.push(`asked ${formatHours(input.timeLimitSeconds!)}, ran ${formatHours(input.elapsedSeconds!)}`);
  }
  if (cpuEfficiency !== null && cpuEfficiency < wastefulShare && (input.allocatedCpus ?? 0) > 1 && (input.elapsedSeconds ?? 0) >= 60) {
    hints.push(`asked ${input.allocatedCpus} CPUs, kept ${Math.max(1, Math.round(cpuEfficiency * input.allocatedCpus!))} busy on average`);
  }
  return {
    elapsedSeconds: input.elapsedSeconds,
    timeLimitSeconds: input.timeLimitSeconds,
    timeUsed,
    allocatedCpus: input.allocatedCpus,
    totalCpuSeconds: input.totalCpuSeconds,
    cpuEfficiency,
    maxRssBytes: input.maxRssBytes,
    requestedMemoryBytes: input.requestedMemoryBytes,
    memoryEfficiency,
    gpus: input.gpus,
    gpuUtilization: input.gpuUtilization,
    hints,
  };
}
