import { describe, expect, it } from 'vitest';
import { parseQueueRows, toQueueEntries, unrollTasks } from '../../../../../electron/services/queue/parseQueueRows';

// Lines as Slurm 22.05 prints them for `squeue --me -h [-r] -o queueRowFormat` (measured).
const running = '1|1|N/A|RUNNING|None|0:02|5:00|1|1|300M|root|(null)|debug|(null)|2026-12-07T21:59:12+0000|2026-12-07T21:59:12+0000|localhost|wrap';
const grouped = '2_[0-5%2]|2|0-5%2|PENDING|BeginTime|0:00|UNLIMITED|1|1|0|root|(null)|debug|(null)|2026-12-07T21:59:12+0000|2026-12-07T22:59:12+0000|(BeginTime)|wrap';

describe('parseQueueRows', () => {
  it('reads a running job: times in UTC, memory per node, N/A task, (null) account', () => {
    const [row] = parseQueueRows(running);
    expect(row).toEqual({
      slurmId: '1', jobId: '1', arrayTaskId: null, arrayTasks: null, name: 'wrap', user: 'root', account: null, partition: 'debug', qos: null,
      state: 'RUNNING', reason: null, reasonText: null, submittedAt: '2026-12-07T21:59:12.000Z', startedAt: '2026-12-07T21:59:12.000Z', endedAt: null,
      estimatedStartAt: null, elapsedSeconds: 2, timeLimitSeconds: 300, nodes: 'localhost', nodeCount: 1, cpus: 1, requestedMemoryBytes: 300 * 1024 ** 2,
      workDir: null, exit: null, source: 'queue',
    });
  });

  it('keeps a grouped pending array as one row with its range, and its start time as an estimate', () => {
    const [row] = parseQueueRows(grouped);
    expect(row).toMatchObject({ slurmId: '2_[0-5%2]', arrayTasks: '0-5%2', arrayTaskId: null, state: 'PENDING', reasonText: 'waiting for its start time', timeLimitSeconds: null, nodes: null });
    expect(row!.estimatedStartAt).toBe('2026-12-07T22:59:12.000Z');
    expect(row!.startedAt).toBeNull();
    expect(row!.requestedMemoryBytes).toBeNull(); // %m 0: nothing asked
    expect(unrollTasks([row!]).map((task) => task.slurmId)).toEqual(['2_0', '2_1', '2_2', '2_3', '2_4', '2_5']);
  });

  it('reads one task per line (-r), a name with the separator in it, and Unknown times', () => {
    const line = '7_3|7|3|PENDING|Priority|0:00|1-00:00:00|2|8|4G|ana|proj|gpu|high|Unknown|N/A|(Priority)|a|b|c';
    const [row] = parseQueueRows(line);
    expect(row).toMatchObject({ slurmId: '7_3', arrayTaskId: 3, name: 'a|b|c', account: 'proj', qos: 'high', submittedAt: null, estimatedStartAt: null, timeLimitSeconds: 86_400, requestedMemoryBytes: 2 * 4 * 1024 ** 3 });
    expect(toQueueEntries([row!])).toEqual([{ slurmId: '7_3', jobId: '7', arrayTaskId: 3, state: 'PENDING', reason: 'Priority', elapsedSeconds: 0, timeLimitSeconds: 86_400, nodes: null }]);
  });

  it('refuses a line it cannot read instead of dropping a job', () => {
    expect(() => parseQueueRows('1|1|N/A|RUNNING')).toThrow(/expected 18 fields/);
    expect(() => parseQueueRows(running.replace('RUNNING', 'DANCING'))).toThrow(/unknown job state/);
    expect(() => parseQueueRows(grouped.replace('0-5%2|PENDING', 'x-y|PENDING'))).toThrow(/unreadable array range/);
  });
});
