import type { Fairshare, JobPriority, NodeInfo, Reservation } from '../../../shared/queue/clusterResources';
import { scontrolPairs } from '../slurm/parseScontrol';
import { readTimestamp } from '../slurm/slurmFields';
import { readBytes, readCount, readNumber, readText, readTres, tresGpus } from './queueFields';

const list = (text: string) => (readText(text) ?? '').split(',').filter((item) => item !== '');

/**
 * `scontrol show node -o`: one node per line. State is `IDLE`, `MIXED+DRAIN`, `DOWN*+NOT_RESPONDING`
 * (the `*` means the node does not answer). Memory is in MB; GPUs from the configured and
 * allocated TRES, which 22.05 prints for every node.
 */
export function parseNodes(output: string): NodeInfo[] {
  const nodes: NodeInfo[] = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith('NodeName=')) continue;
    const pairs = scontrolPairs(line);
    const field = (key: string) => pairs.get(key) ?? '';
    const [base = '', ...flags] = field('State').split('+');
    const total = readCount(field('CPUTot')) ?? 0;
    const allocated = readCount(field('CPUAlloc')) ?? 0;
    const megabytes = (key: string) => readBytes(field(key), 'M');
    nodes.push({
      name: field('NodeName'),
      partitions: list(field('Partitions')),
      state: base.replace(/[*~#!%$@^-]+$/, ''),
      flags: base.endsWith('*') ? ['NOT_RESPONDING', ...flags.filter((flag) => flag !== 'NOT_RESPONDING')] : flags,
      reason: readText(field('Reason')),
      cpus: { total, allocated, idle: Math.max(0, total - allocated) },
      load: readNumber(field('CPULoad')),
      memory: { totalBytes: megabytes('RealMemory') ?? 0, allocatedBytes: megabytes('AllocMem') ?? 0, freeBytes: megabytes('FreeMem') },
      gpus: { total: tresGpus(readTres(field('CfgTRES'))) ?? 0, used: tresGpus(readTres(field('AllocTRES'))) ?? 0 },
      features: list(field('AvailableFeatures')),
    });
  }
  return nodes;
}

/** `scontrol show reservation -o`; "No reservations in the system" reads as none. */
export function parseReservations(output: string): Reservation[] {
  const reservations: Reservation[] = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith('ReservationName=')) continue;
    const pairs = scontrolPairs(line);
    const field = (key: string) => pairs.get(key) ?? '';
    reservations.push({
      name: field('ReservationName'),
      state: field('State'),
      startsAt: readTimestamp(field('StartTime')),
      endsAt: readTimestamp(field('EndTime')),
      nodes: readText(field('Nodes')),
      nodeCount: readCount(field('NodeCnt')),
      partition: readText(field('PartitionName')),
      users: list(field('Users')),
      accounts: list(field('Accounts')),
      flags: list(field('Flags')),
    });
  }
  return reservations;
}

/** `%i` job, `%r` partition, `%Y` priority, then weighted age, fairshare, size, partition, QOS, nice, TRES. */
export const sprioFormat = '%i|%r|%Y|%A|%F|%J|%P|%Q|%N|%T';

export function parseSprio(output: string): JobPriority[] {
  const rows: JobPriority[] = [];
  for (const line of output.split('\n')) {
    const fields = line.split('|').map((field) => field.trim());
    if (fields.length < 10 || !/^\d+(?:_\d+)?$/.test(fields[0]!)) continue;
    const n = (index: number) => Math.max(0, readNumber(fields[index]!) ?? 0);
    rows.push({
      slurmId: fields[0]!,
      partition: readText(fields[1]!),
      priority: n(2),
      age: n(3),
      fairshare: n(4),
      jobSize: n(5),
      partitionFactor: n(6),
      qos: n(7),
      nice: readNumber(fields[8]!) ?? 0,
      tres: readText(fields[9]!),
    });
  }
  return rows;
}

export const sshareFields = 'Account,User,RawShares,NormShares,RawUsage,EffectvUsage,FairShare';

/** `sshare -P -n -o sshareFields`: one association per line; the root line and parents have no user. */
export function parseSshare(output: string): Fairshare[] {
  const rows: Fairshare[] = [];
  for (const line of output.split('\n')) {
    const fields = line.split('|').map((field) => field.trim());
    if (fields.length < 7 || fields[0] === '') continue;
    const n = (index: number) => {
      const value = readNumber(fields[index]!);
      return value === null ? null : Math.max(0, value);
    };
    rows.push({ account: fields[0]!, user: readText(fields[1]!), rawShares: n(2), normShares: n(3), rawUsage: n(4), effectiveUsage: n(5), fairShare: n(6) });
  }
  return rows;
}
