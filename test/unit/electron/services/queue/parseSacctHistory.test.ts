import { describe, expect, it } from 'vitest';
import { parseSacctHistory } from '../../../../../electron/services/queue/parseSacctHistory';

// JobID|State|ExitCode|Submit|Start|End|ElapsedRaw|TimelimitRaw|AllocCPUS|TotalCPU|MaxRSS|ReqMem|ReqTRES|AllocTRES|TRESUsageInAve|NNodes|NodeList|User|Account|Partition|QOS|Reason|WorkDir|JobName
const t = '2026-12-07T10:00:00+0000';
const end = '2026-12-07T11:00:00+0000';
const lines = [
  `10|COMPLETED|0:0|${t}|${t}|${end}|3600|120|4|02:00:00|||billing=4,cpu=4,mem=64G,node=1|billing=4,cpu=4,gres/gpu=1,mem=64G,node=1||1|n01|ana|proj|debug|normal|None|/home/ana/run|train|big`,
  `10.batch|COMPLETED|0:0|${t}|${t}|${end}|3600|Partition_Limit|4|01:00:00.500|1024K|||cpu=4,mem=64G,node=1|cpu=00:00:01,gres/gpuutil=40,mem=1M|1|n01|||||||batch`,
  `10.extern|COMPLETED|0:0|${t}|${t}|${end}|3600|Partition_Limit|4|00:00:00|3.1G|||cpu=4,mem=64G,node=1||1|n01|||||||extern`,
  `10.0|COMPLETED|0:0|${t}|${t}|${end}|3600|Partition_Limit|4|59:59.500|2.5G|||cpu=4,mem=64G,node=1|gres/gpuutil=80|1|n01|||||||python`,
  `11_2|FAILED|3:0|${t}|${t}|${end}|60|UNLIMITED|1|00:30.000|512M|1000Mc||cpu=1||1|n02|ana|proj|debug|normal|NonZeroExitCode|/home/ana|arr`,
  `11_[3-4]|CANCELLED by 1000|0:0|${t}|Unknown|${end}|0|10|1|00:00:00||1000Mn||||1|None assigned|ana|proj|debug|normal|None|/home/ana|arr`,
  `12|RUNNING|0:0|${t}|${t}|Unknown|100|10|1|00:00:00|||cpu=1,mem=1G||||n03|ana|proj|debug|normal|None|/x|live`,
  `13+0|COMPLETED|0:0|${t}|${t}|${end}|10|10|1|00:00:01|||cpu=1||||n01|ana|proj|debug|normal|None|/x|het`,
];

describe('parseSacctHistory', () => {
  const rows = new Map(parseSacctHistory(lines.join('\n')).map((row) => [row.slurmId, row]));

  it('adds steps to their job: MaxRSS peak across steps with K/M/G suffixes, CPU time from the job line, GPU use', () => {
    const job = rows.get('10')!;
    expect(job).toMatchObject({ state: 'COMPLETED', name: 'train|big', workDir: '/home/ana/run', cpus: 4, requestedMemoryBytes: 64 * 1024 ** 3, source: 'history', endedAt: '2026-12-07T11:00:00.000Z' });
    expect(job.efficiency).toMatchObject({
      elapsedSeconds: 3600, timeLimitSeconds: 7200, timeUsed: 0.5, allocatedCpus: 4, totalCpuSeconds: 7200, cpuEfficiency: 0.5,
      maxRssBytes: Math.round(3.1 * 1024 ** 3), gpus: 1, gpuUtilization: 0.8,
    });
    expect(job.efficiency!.memoryEfficiency).toBeCloseTo(3.1 / 64, 6);
    expect(job.efficiency!.hints).toEqual(['asked 64 GB, used 3.1 GB']);
  });

  it('reads array tasks, ReqMem per CPU or node, unlimited limits, and tasks that never started', () => {
    expect(rows.get('11_2')).toMatchObject({ jobId: '11', arrayTaskId: 2, exit: { code: 3, signal: 0 }, reason: 'NonZeroExitCode', timeLimitSeconds: null, requestedMemoryBytes: 1000 * 1024 ** 2 });
    expect(rows.get('11_2')!.efficiency).toMatchObject({ totalCpuSeconds: 30, cpuEfficiency: 0.5, maxRssBytes: null });
    expect(rows.get('11_3')).toMatchObject({ state: 'CANCELLED', startedAt: null, nodes: null, arrayTaskId: 3 });
    expect(rows.get('11_4')!.efficiency).toMatchObject({ totalCpuSeconds: null, cpuEfficiency: null });
  });

  it('gives no efficiency while a job runs, and skips heterogeneous components', () => {
    expect(rows.get('12')).toMatchObject({ state: 'RUNNING', endedAt: null, efficiency: null });
    expect([...rows.keys()].some((id) => id.startsWith('13'))).toBe(false);
  });

  it('refuses short lines and unknown ids', () => {
    expect(() => parseSacctHistory('10|COMPLETED|0:0')).toThrow(/expected 24 fields/);
    expect(() => parseSacctHistory(lines[0]!.replace(/^10/, 'abc'))).toThrow(/unreadable JobID/);
  });
});
