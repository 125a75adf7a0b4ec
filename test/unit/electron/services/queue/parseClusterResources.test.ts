import { describe, expect, it } from 'vitest';
import { parseNodes, parseReservations, parseSprio, parseSshare } from '../../../../../electron/services/queue/parseClusterResources';

const node =
  'NodeName=localhost Arch=x86_64 CoresPerSocket=1  CPUAlloc=1 CPUEfctv=32 CPUTot=32 CPULoad=12.87 AvailableFeatures=(null) ActiveFeatures=(null) Gres=(null) NodeAddr=127.0.0.1 NodeHostName=localhost Version=22.05.8 OS=Linux 6.18 #1 SMP  RealMemory=1000 AllocMem=0 FreeMem=20385 Sockets=32 Boards=1 State=MIXED ThreadsPerCore=1 TmpDisk=0 Weight=1 Owner=N/A MCS_label=N/A Partitions=debug,short  BootTime=2026-12-07T21:19:54+0000 CfgTRES=cpu=32,mem=1000M,billing=32 AllocTRES=cpu=1 CapWatts=n/a';

describe('cluster resources', () => {
  it('reads nodes: state and flags, free CPUs, memory in bytes, GPUs from TRES, reasons', () => {
    const drained = node
      .replace('NodeName=localhost', 'NodeName=g01')
      .replace('State=MIXED', 'State=DOWN*+DRAIN')
      .replace('CfgTRES=cpu=32,mem=1000M,billing=32 AllocTRES=cpu=1', 'CfgTRES=cpu=32,mem=1000M,gres/gpu=4 AllocTRES=cpu=1,gres/gpu=3 Reason=bad fan [admin@2026-12-01T10:00:00]')
      .replace('CPULoad=12.87', 'CPULoad=N/A')
      .replace('AvailableFeatures=(null)', 'AvailableFeatures=a100,ib');
    const [first, second] = parseNodes(`${node}\n${drained}\n`);
    expect(first).toEqual({
      name: 'localhost', partitions: ['debug', 'short'], state: 'MIXED', flags: [], reason: null, cpus: { total: 32, allocated: 1, idle: 31 }, load: 12.87,
      memory: { totalBytes: 1000 * 1024 ** 2, allocatedBytes: 0, freeBytes: 20385 * 1024 ** 2 }, gpus: { total: 0, used: 0 }, features: [],
    });
    expect(second).toMatchObject({ state: 'DOWN', flags: ['NOT_RESPONDING', 'DRAIN'], reason: 'bad fan [admin@2026-12-01T10:00:00]', load: null, gpus: { total: 4, used: 3 }, features: ['a100', 'ib'] });
  });

  it('reads reservations, and none when Slurm says so', () => {
    expect(parseReservations('No reservations in the system\n')).toEqual([]);
    const line = 'ReservationName=maint StartTime=2026-12-08T08:00:00+0000 EndTime=2026-12-08T12:00:00+0000 Duration=04:00:00 Nodes=n[01-04] NodeCnt=4 CoreCnt=128 Features=(null) PartitionName=(null) Flags=MAINT,SPEC_NODES TRES=cpu=128 Users=root Groups=(null) Accounts=(null) Licenses=(null) State=INACTIVE BurstBuffer=(null) Watts=n/a MaxStartDelay=(null)';
    expect(parseReservations(line)).toEqual([
      { name: 'maint', state: 'INACTIVE', startsAt: '2026-12-08T08:00:00.000Z', endsAt: '2026-12-08T12:00:00.000Z', nodes: 'n[01-04]', nodeCount: 4, partition: null, users: ['root'], accounts: [], flags: ['MAINT', 'SPEC_NODES'] },
    ]);
  });

  it('reads sprio weighted parts and sshare associations, skipping what is not a row', () => {
    const sprio = '   4711|debug   |     10234|      1000|      9000|       200|         0|        34|         0|cpu=12\n  header|x\n';
    expect(parseSprio(sprio)).toEqual([{ slurmId: '4711', partition: 'debug', priority: 10234, age: 1000, fairshare: 9000, jobSize: 200, partitionFactor: 0, qos: 34, nice: 0, tres: 'cpu=12' }]);
    const sshare = 'root||||0.000000|1.000000|\n proj||1|0.500000|12345|0.250000|\n  proj|ana|parent|0.500000|12345|0.250000|0.812500\n';
    expect(parseSshare(sshare)).toEqual([
      { account: 'root', user: null, rawShares: null, normShares: null, rawUsage: 0, effectiveUsage: 1, fairShare: null },
      { account: 'proj', user: null, rawShares: 1, normShares: 0.5, rawUsage: 12345, effectiveUsage: 0.25, fairShare: null },
      { account: 'proj', user: 'ana', rawShares: null, normShares: 0.5, rawUsage: 12345, effectiveUsage: 0.25, fairShare: 0.8125 },
    ]);
  });
});
