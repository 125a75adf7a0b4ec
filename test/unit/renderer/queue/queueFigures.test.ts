import { describe, expect, it } from 'vitest';
import { computeEfficiency } from '../../../../shared/queue/efficiency';
import { nodeStateFamily, nodeStateText, partitionUse } from '../../../../renderer/clusterOverview/nodeFigures';
import { cpuText, formatShare, memoryText } from '../../../../renderer/queue/efficiencyText';
import { queueNotes } from '../../../../renderer/queue/describeQueueNotes';
import { untilText } from '../../../../renderer/queue/QueueWaitSection';
import type { NodeInfo } from '../../../../shared/queue/clusterResources';
import type { QueueStatus } from '../../../../shared/queue/queueJob';

const gib = 1024 ** 3;
const figures = { elapsedSeconds: 3600, timeLimitSeconds: 4 * 3600, allocatedCpus: 16, totalCpuSeconds: 3600 * 2, maxRssBytes: 3.1 * gib, requestedMemoryBytes: 64 * gib, gpus: null, gpuUtilization: null };

describe('efficiency in the table', () => {
  it('shows the CPU share and the memory peak of what was asked, tinted when far too much was asked', () => {
    const efficiency = computeEfficiency(figures);
    expect(cpuText(efficiency)).toEqual({ text: '12.5 %'.replace('12.5', '13'), wasteful: true });
    expect(memoryText(efficiency)).toEqual({ peak: '3.1 GB', asked: '64 GB', wasteful: true });
    expect(efficiency.hints).toContain('asked 64 GB, used 3.1 GB');
  });

  it('leaves the cells empty where accounting measured nothing, and small requests untinted', () => {
    expect(cpuText(null)).toBeNull();
    expect(memoryText(computeEfficiency({ ...figures, maxRssBytes: null }))).toBeNull();
    expect(memoryText(computeEfficiency({ ...figures, requestedMemoryBytes: 512 * 1024 ** 2, maxRssBytes: 10 * 1024 ** 2 }))?.wasteful).toBe(false);
    expect(cpuText(computeEfficiency({ ...figures, allocatedCpus: 1, totalCpuSeconds: 60 }))?.wasteful).toBe(false);
  });

  it('keeps a decimal on small shares so 0.4 % is not read as nothing', () => {
    expect(formatShare(0.004)).toBe('0.4 %');
    expect(formatShare(0)).toBe('0 %');
    expect(formatShare(0.5)).toBe('50 %');
  });
});

describe('notes about what a cluster cannot show', () => {
  const status = (overrides: Partial<QueueStatus>): QueueStatus => ({
    cluster: 'hpc',
    fetchedAt: '2026-12-07T21:00:00Z',
    reachable: true,
    message: null,
    accounting: { state: 'available', message: null },
    history: 'today',
    refreshIntervalMs: 15_000,
    schedulerCommands: 3,
    ...overrides,
  });

  it('says plainly when a cluster keeps no accounting, and nothing when all is well', () => {
    expect(queueNotes([status({})], true)).toEqual([]);
    expect(queueNotes([status({ accounting: { state: 'unavailable', message: 'x' } })], true)).toEqual([
      { cluster: 'hpc', level: 'info', text: 'hpc keeps no accounting: finished jobs show only for the few minutes Slurm still remembers them, and without efficiency.' },
    ]);
    expect(queueNotes([status({ accounting: { state: 'not-slurm', message: null } }), null], true)).toEqual([]);
  });

  it('warns when a queue could not be read, with what failed', () => {
    expect(queueNotes([status({ reachable: false, message: 'squeue timed out' })], true)[0]).toEqual({ cluster: 'hpc', level: 'warning', text: 'hpc: the queue could not be read — squeue timed out' });
  });

  it('keeps quiet about a built-in cluster that never answered (no Slurm on this computer)', () => {
    const never = status({ cluster: 'local', reachable: false, fetchedAt: null, message: 'squeue not found' });
    expect(queueNotes([never], true, new Set(['local']))).toEqual([]);
    expect(queueNotes([{ ...never, fetchedAt: '2026-12-07T21:00:00Z' }], true, new Set(['local']))).toHaveLength(1);
  });
});

describe('nodes and waits', () => {
  const node = (name: string, partitions: string[], overrides: Partial<NodeInfo> = {}): NodeInfo => ({
    name,
    partitions,
    state: 'MIXED',
    flags: [],
    reason: null,
    cpus: { total: 32, allocated: 8, idle: 24 },
    load: null,
    memory: { totalBytes: 100 * gib, allocatedBytes: 40 * gib, freeBytes: null },
    gpus: { total: 4, used: 1 },
    features: [],
    ...overrides,
  });

  it("sums each partition's memory and GPUs over its nodes", () => {
    const use = partitionUse([node('n1', ['debug', 'gpu']), node('n2', ['gpu'])]);
    expect(use.get('gpu')).toEqual({ memoryTotalBytes: 200 * gib, memoryAllocatedBytes: 80 * gib, gpusTotal: 8, gpusUsed: 2 });
    expect(use.get('debug')?.gpusTotal).toBe(4);
  });

  it('reads a node state with its flags and sorts it into usable, busy or out', () => {
    expect(nodeStateText(node('n', [], { state: 'IDLE', flags: ['DRAIN'] }))).toBe('idle, drain');
    expect(nodeStateFamily(node('n', [], { state: 'IDLE', flags: ['DRAIN'] }))).toBe('down');
    expect(nodeStateFamily(node('n', [], { state: 'IDLE' }))).toBe('free');
    expect(nodeStateFamily(node('n', []))).toBe('busy');
    expect(nodeStateFamily(node('n', [], { state: 'FUTURE' }))).toBe('other');
  });

  it('says when Slurm expects a job to start, in words', () => {
    const now = Date.parse('2026-12-07T12:00:00Z');
    expect(untilText('2026-12-07T15:20:00Z', now)).toBe('in 3 h 20 min');
    expect(untilText('2026-12-07T12:30:00Z', now)).toBe('in 30 min');
    expect(untilText('2026-12-07T11:00:00Z', now)).toBe('any moment now');
    expect(untilText('2026-12-12T12:00:00Z', now)).toBe('in 5 days');
  });
});
