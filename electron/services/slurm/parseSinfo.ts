import type { PartitionOverview } from '../../../shared/clusters/partitionOverview';
import { parseSlurmTime } from '../../../shared/jobs/slurmValues';
import { outputError } from './slurmFields';

/**
 * `sinfo -O` fields, one line per node and partition (`-N`): GRES_USED differs from node to node,
 * so lines that sinfo grouped would hide usage. Width 0 prints values whole; the partition name
 * comes last so that no separator can ever fall inside it (the other fields never hold a `|`).
 */
export const sinfoFields = ['Available:0|', 'Time:0|', 'StateLong:0|', 'Nodes:0|', 'CPUsState:0|', 'Gres:0|', 'GresUsed:0|', 'Partition:0'].join(',');
export const sinfoArgv = ['sinfo', '--noheader', '-N', '-O', sinfoFields] as const;
const leadingFields = 7;

type NodeState = keyof Omit<PartitionOverview['nodes'], 'total'>;

// StateLong words; anything else Slurm may print (maint, reserved, future, planned, power states…)
// is "other": not a free place for a job, and not broken either.
const stateGroups: Record<string, NodeState> = {
  idle: 'idle',
  mixed: 'mixed',
  allocated: 'allocated',
  completing: 'allocated',
  down: 'down',
  drained: 'down',
  draining: 'down',
  drain: 'down',
  fail: 'down',
  failing: 'down',
  inval: 'down',
  not_responding: 'down',
};

/** `idle*` (not responding) counts as down; other flag characters (`~ # % ! @ ^ - $ +`) do not change the group. */
export function nodeStateGroup(text: string, line: string): NodeState {
  const match = /^([a-z_]+)([^a-z_]*)$/i.exec(text.trim());
  if (!match) throw outputError('sinfo', line, `unreadable node state "${text}"`);
  if (match[2]!.includes('*')) return 'down';
  return stateGroups[match[1]!.toLowerCase()] ?? 'other';
}

/** `A/I/O/T` from %C. */
function readCpus(text: string, line: string): { idle: number; total: number } {
  const match = /^(\d+)\/(\d+)\/(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) throw outputError('sinfo', line, `CPU counts "${text}" are not allocated/idle/other/total`);
  return { idle: Number(match[2]), total: Number(match[4]) };
}

const countSuffix: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

/** Splits a GRES list at commas outside parentheses: `gpu:a100:4(IDX:0,2-3),shard:8`. */
function gresEntries(text: string): string[] {
  const entries: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '(') depth += 1;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if (char === ',' && depth === 0) {
      entries.push(text.slice(start, index));
      start = index + 1;
    }
  }
  entries.push(text.slice(start));
  return entries.filter((entry) => entry !== '');
}

/**
 * GPUs per node in a GRES or GRES_USED value: `gpu:2`, `gpu:a100:4(S:0-1)`, `gpu:tesla:2(S:0)`,
 * `gpu:a100:2(IDX:0-1)`, several types summed; `(null)` or no gpu entry is 0.
 */
export function gpuCount(text: string, line: string): number {
  const value = text.trim();
  if (value === '' || value === '(null)' || value === 'N/A') return 0;
  let total = 0;
  for (const entry of gresEntries(value)) {
    const parts = entry.replace(/\([^()]*\)$/, '').split(':');
    if (parts[0] !== 'gpu') continue;
    const match = /^(\d+)([KMG]?)$/.exec(parts.at(-1) ?? '');
    if (parts.length < 2 || !match) throw outputError('sinfo', line, `GPU entry "${entry}" has no count`);
    total += Number(match[1]) * countSuffix[match[2]!]!;
  }
  return total;
}

function emptyPartition(name: string, isDefault: boolean, available: string, timeLimit: string, maxTimeMinutes: number | null): PartitionOverview {
  return {
    name,
    isDefault,
    available,
    timeLimit,
    maxTimeMinutes,
    nodes: { total: 0, idle: 0, mixed: 0, allocated: 0, down: 0, other: 0 },
    cpus: { idle: 0, total: 0 },
    gpus: { free: 0, total: 0 },
  };
}

function readTimeLimit(text: string, line: string): number | null {
  const value = text.trim();
  if (/^(infinite|unlimited|n\/a)$/i.test(value)) return null;
  const seconds = parseSlurmTime(value);
  if (seconds === undefined) throw outputError('sinfo', line, `unreadable time limit "${value}"`);
  return seconds === null ? null : Math.ceil(seconds / 60);
}

/**
 * Parses the output of `sinfoArgv` into partitions in the order sinfo lists them, summing node
 * lines. GPUs count as free only on idle or mixed nodes: a full or unusable node cannot run a job
 * whatever its GPUs do.
 */
export function parseSinfo(output: string): PartitionOverview[] {
  const partitions = new Map<string, PartitionOverview>();
  for (const line of output.split('\n')) {
    if (line.trim() === '') continue;
    const fields = line.split('|');
    if (fields.length < leadingFields + 1) throw outputError('sinfo', line, `expected ${leadingFields + 1} fields, found ${fields.length}`);
    const [available, time, state, nodesText, cpusText, gres, gresUsed] = fields.map((field) => field.trim()) as [string, string, string, string, string, string, string];
    const partitionField = fields.slice(leadingFields).join('|').trim();
    const isDefault = partitionField.endsWith('*');
    const name = isDefault ? partitionField.slice(0, -1) : partitionField;
    if (name === '') throw outputError('sinfo', line, 'no partition name');
    if (!/^[a-z]+$/i.test(available)) throw outputError('sinfo', line, `unreadable availability "${available}"`);
    if (!/^\d+$/.test(nodesText)) throw outputError('sinfo', line, `node count "${nodesText}" is not a number`);
    const nodeCount = Number(nodesText);
    const group = nodeStateGroup(state, line);
    const cpus = readCpus(cpusText, line);
    const gpusPerNode = gpuCount(gres, line);
    const gpusUsedPerNode = gpuCount(gresUsed, line);

    let partition = partitions.get(name);
    if (!partition) {
      partition = emptyPartition(name, isDefault, available.toLowerCase(), time, readTimeLimit(time, line));
      partitions.set(name, partition);
    }
    partition.isDefault ||= isDefault;
    partition.nodes.total += nodeCount;
    partition.nodes[group] += nodeCount;
    partition.cpus.idle += cpus.idle;
    partition.cpus.total += cpus.total;
    partition.gpus.total += gpusPerNode * nodeCount;
    if (group === 'idle' || group === 'mixed') partition.gpus.free += Math.max(0, gpusPerNode - gpusUsedPerNode) * nodeCount;
  }
  return [...partitions.values()];
}
