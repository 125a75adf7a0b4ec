import { describe, expect, it } from 'vitest';
import { parseJobDetail } from '../../../../../electron/services/queue/parseJobDetail';

// `scontrol show job -o 1` from Slurm 22.05 (measured), and a pending array task built from it.
const running =
  'JobId=1 JobName=wrap UserId=root(0) GroupId=root(0) MCS_label=N/A Priority=4294901759 Nice=0 Account=(null) QOS=(null) JobState=RUNNING Reason=None Dependency=(null) Requeue=1 Restarts=0 BatchFlag=1 Reboot=0 ExitCode=0:0 RunTime=00:00:02 TimeLimit=00:05:00 TimeMin=N/A SubmitTime=2026-12-07T21:59:12+0000 EligibleTime=2026-12-07T21:59:12+0000 AccrueTime=2026-12-07T21:59:12+0000 StartTime=2026-12-07T21:59:12+0000 EndTime=2026-12-07T22:04:12+0000 Deadline=N/A SuspendTime=None SecsPreSuspend=0 LastSchedEval=2026-12-07T21:59:12+0000 Scheduler=Backfill Partition=debug AllocNode:Sid=localhost:9157 ReqNodeList=(null) ExcNodeList=(null) NodeList=localhost BatchHost=localhost NumNodes=1 NumCPUs=1 NumTasks=1 CPUs/Task=1 ReqB:S:C:T=0:0:*:* TRES=cpu=1,node=1,billing=1 Socks/Node=* NtasksPerN:B:S:C=0:0:*:* CoreSpec=* MinCPUsNode=1 MinMemoryNode=300M MinTmpDiskNode=0 Features=(null) DelayBoot=00:00:00 OverSubscribe=OK Contiguous=0 Licenses=(null) Network=(null) Command=(null) WorkDir=/tmp StdErr=/tmp/slurm-1.out StdIn=/dev/null StdOut=/tmp/slurm-1.out Power= ';

describe('parseJobDetail', () => {
  it('reads what a person needs: paths, nodes, CPUs, memory, TRES, times', () => {
    expect(parseJobDetail(running)).toMatchObject({
      slurmId: '1', jobId: '1', arrayTaskId: null, name: 'wrap', user: 'root', account: null, qos: null, state: 'RUNNING', reason: null,
      command: null, workDir: '/tmp', stdoutPath: '/tmp/slurm-1.out', stderrPath: '/tmp/slurm-1.out', stdinPath: '/dev/null',
      nodes: 'localhost', nodeCount: 1, cpus: 1, requestedMemoryBytes: 300 * 1024 ** 2, requestedTres: 'cpu=1,node=1,billing=1', allocatedTres: 'cpu=1,node=1,billing=1',
      timeLimitSeconds: 300, elapsedSeconds: 2, startedAt: '2026-12-07T21:59:12.000Z', endedAt: null, estimatedStartAt: null,
      priority: 4294901759, nice: 0, dependency: null, exit: null, batchHost: 'localhost', allowedActions: ['cancel', 'signal', 'requeue', 'update'],
    });
  });

  it('says why a pending task waits, what the person can change, and when it may start', () => {
    const pending = running
      .replace('JobId=1 JobName=wrap', 'JobId=9 ArrayJobId=8 ArrayTaskId=1 JobName=wrap')
      .replace('JobState=RUNNING Reason=None', 'JobState=PENDING Reason=JobHeldUser')
      .replace('StartTime=2026-12-07T21:59:12+0000', 'StartTime=Unknown')
      .replace('MinMemoryNode=300M', 'MinMemoryCPU=2G')
      .replace('NumCPUs=1', 'NumCPUs=4');
    expect(parseJobDetail(pending)).toMatchObject({
      slurmId: '8_1', jobId: '8', arrayTaskId: 1, state: 'PENDING', reasonText: 'held by you', reasonAdvice: 'You held it: release it to let it start.',
      estimatedStartAt: null, startedAt: null, requestedMemoryBytes: 8 * 1024 ** 3, allocatedTres: null, allowedActions: ['cancel', 'hold', 'release', 'update'],
    });
  });

  it('cannot be fooled by a job name that spells an array id', () => {
    const forged = running.replace('JobName=wrap', 'JobName=x ArrayJobId=77 ArrayTaskId=3');
    expect(parseJobDetail(forged)).toMatchObject({ slurmId: '1', jobId: '1', arrayTaskId: null });
  });

  it('answers null for output without a job, and offers nothing for a job that ended', () => {
    expect(parseJobDetail('')).toBeNull();
    const ended = parseJobDetail(running.replace('JobState=RUNNING', 'JobState=COMPLETED').replace('ExitCode=0:0', 'ExitCode=2:0'));
    expect(ended).toMatchObject({ exit: { code: 2, signal: 0 }, endedAt: '2026-12-07T22:04:12.000Z', allowedActions: [] });
  });
});
