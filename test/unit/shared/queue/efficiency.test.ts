import { describe, expect, it } from 'vitest';
import { computeEfficiency, formatBytes, type EfficiencyInput } from '../../../../shared/queue/efficiency';
import { DependencyExpressionSchema, QueueUpdateSchema } from '../../../../shared/queue/queueControl';

const base: EfficiencyInput = { elapsedSeconds: 3600, timeLimitSeconds: 4 * 3600, allocatedCpus: 8, totalCpuSeconds: 8 * 3600 * 0.9, maxRssBytes: 3.1 * 1024 ** 3, requestedMemoryBytes: 64 * 1024 ** 3, gpus: null, gpuUtilization: null };

describe('computeEfficiency', () => {
  it('computes seff figures: CPU = TotalCPU / (elapsed × CPUs), memory peak / requested, time used / limit', () => {
    const efficiency = computeEfficiency(base);
    expect(efficiency.cpuEfficiency).toBeCloseTo(0.9, 10);
    expect(efficiency.memoryEfficiency).toBeCloseTo(3.1 / 64, 10);
    expect(efficiency.timeUsed).toBe(0.25);
  });

  it('gives plain hints when a request was far too large, and none when it fit', () => {
    expect(computeEfficiency(base).hints).toEqual(['asked 64 GB, used 3.1 GB']);
    expect(computeEfficiency({ ...base, timeLimitSeconds: 48 * 3600 }).hints).toEqual(['asked 64 GB, used 3.1 GB', 'asked 48 h, ran 1.0 h']);
    expect(computeEfficiency({ ...base, totalCpuSeconds: 3600 }).hints).toContain('asked 8 CPUs, kept 1 busy on average');
    expect(computeEfficiency({ ...base, maxRssBytes: 60 * 1024 ** 3 }).hints).toEqual([]);
    // Small requests and short limits are not worth advice.
    expect(computeEfficiency({ ...base, requestedMemoryBytes: 512 * 1024 ** 2, maxRssBytes: 10 * 1024 ** 2 }).hints).toEqual([]);
  });

  it('leaves what Slurm did not record as null, never 0, and divides by nothing as null', () => {
    const efficiency = computeEfficiency({ ...base, elapsedSeconds: 0, totalCpuSeconds: null, maxRssBytes: null, timeLimitSeconds: null });
    expect(efficiency).toMatchObject({ cpuEfficiency: null, memoryEfficiency: null, timeUsed: null, hints: [] });
  });

  it('writes sizes the way memory requests are written', () => {
    expect([0, 1023, 1024, 1536 * 1024, 3.1 * 1024 ** 3, 64 * 1024 ** 3].map(formatBytes)).toEqual(['0 B', '1023 B', '1.0 KB', '1.5 MB', '3.1 GB', '64 GB']);
  });
});

describe('queue update values', () => {
  it('accepts the dependency forms scontrol takes, and nothing that could split an argv word', () => {
    for (const good of ['', 'singleton', 'afterok:12', 'afterany:12:13_4,afterok:14', 'afterok:1?afternotok:2', 'after:5+10']) expect(DependencyExpressionSchema.safeParse(good).success).toBe(true);
    for (const bad of ['afterok', 'afterok:12 Nice=-10', 'afterok:$(id)', 'afterok:12,', 'expand:3']) expect(DependencyExpressionSchema.safeParse(bad).success).toBe(false);
  });

  it('needs at least one change, a nice value a user may set, and a name without spaces', () => {
    expect(QueueUpdateSchema.safeParse({}).success).toBe(false);
    expect(QueueUpdateSchema.safeParse({ nice: -5 }).success).toBe(false);
    expect(QueueUpdateSchema.safeParse({ name: 'a b' }).success).toBe(false);
    expect(QueueUpdateSchema.safeParse({ timeLimit: '1:30:00', partition: 'gpu' }).success).toBe(true);
  });
});
