import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallContext } from '../../../../../shared/contract/dispatcher';
import type { AuditLog } from '../../../../../electron/services/audit/auditLog';
import { createLocalFiles } from '../../../../../electron/services/backends/local/localFiles';
import type { ClusterQueue } from '../../../../../electron/services/queue/clusterQueue';
import { parseJobDetail } from '../../../../../electron/services/queue/parseJobDetail';
import type { QueueMonitor } from '../../../../../electron/services/queue/queueMonitor';
import { createQueueHandlers } from '../../../../../electron/services/queue/queueHandlers';

const context: CallContext = { signal: new AbortController().signal, transport: 'memory' };
const folder = mkdtempSync(join(tmpdir(), 'slurmdesk-queue-logs-'));
const outPath = join(folder, 'slurm-5.out');
writeFileSync(outPath, 'first line\nsecond line\n');

// `scontrol show job -o` of a running job (Slurm 22.05's fields), writing its output to outPath.
const shown = (stdout: string) =>
  `JobId=5 JobName=tail-me UserId=ana(1000) GroupId=ana(1000) Priority=1 Nice=0 Account=(null) QOS=(null) JobState=RUNNING Reason=None Dependency=(null) ExitCode=0:0 RunTime=00:00:02 TimeLimit=00:05:00 SubmitTime=2026-12-07T21:59:12+0000 StartTime=2026-12-07T21:59:12+0000 EndTime=2026-12-07T22:04:12+0000 Partition=debug NodeList=localhost BatchHost=localhost NumNodes=1 NumCPUs=1 NumTasks=1 TRES=cpu=1,node=1 MinMemoryNode=300M Command=(null) WorkDir=${folder} StdErr=${stdout} StdIn=/dev/null StdOut=${stdout}`;

/** A fake cluster (no Slurm in unit tests): answers `scontrol show job` from a line, counting the asks. */
function fakeQueue(line: string) {
  const queue = { kind: 'slurm' as const, commandCount: 0, details: 0, detail: async () => ((queue.details += 1), parseJobDetail(line)) };
  return queue;
}

function handlersFor(queue: ReturnType<typeof fakeQueue>) {
  return createQueueHandlers({
    monitor: {} as QueueMonitor,
    queueOf: () => queue as unknown as ClusterQueue,
    files: () => createLocalFiles(),
    appJobs: () => new Map(),
    audit: { record: () => {} } as unknown as AuditLog,
  });
}

describe('queue.logs', () => {
  it('reads a job outside the app by the path Slurm reports, asking Slurm for it once while the log is followed', async () => {
    const queue = fakeQueue(shown(outPath));
    const handlers = handlersFor(queue);
    const first = await handlers['queue.logs']({ cluster: 'hpc', slurmId: '5', stream: 'stdout', tail: true }, context);
    expect(first).toMatchObject({ text: 'first line\nsecond line\n', path: outPath });
    writeFileSync(outPath, 'first line\nsecond line\nthird line\n');
    const next = await handlers['queue.logs']({ cluster: 'hpc', slurmId: '5', stream: 'stdout', offset: first.nextOffset, tail: false }, context);
    expect(next.text).toBe('third line\n');
    await handlers['queue.logs']({ cluster: 'hpc', slurmId: '5', stream: 'stderr', tail: true }, context);
    expect(queue.details).toBe(1);
    // Another job, or the same id on another cluster, is asked about anew.
    await handlers['queue.logs']({ cluster: 'other', slurmId: '5', stream: 'stdout', tail: true }, context);
    expect(queue.details).toBe(2);
  });

  it('refuses a path that is not absolute, and keeps asking while Slurm gives none', async () => {
    const queue = fakeQueue(shown('slurm-5.out'));
    const handlers = handlersFor(queue);
    await expect(handlers['queue.logs']({ cluster: 'hpc', slurmId: '5', stream: 'stdout', tail: true }, context)).rejects.toThrow(/not an absolute path/);
    const unknown = fakeQueue(shown('(null)'));
    const quiet = handlersFor(unknown);
    await expect(quiet['queue.logs']({ cluster: 'hpc', slurmId: '5', stream: 'stdout', tail: true }, context)).rejects.toThrow(/does not say where/);
    await expect(quiet['queue.logs']({ cluster: 'hpc', slurmId: '5', stream: 'stdout', tail: true }, context)).rejects.toThrow(/does not say where/);
    expect(unknown.details).toBe(2);
  });
});
