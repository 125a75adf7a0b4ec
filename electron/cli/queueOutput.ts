import { formatBytes, type JobEfficiency } from '../../shared/queue/efficiency';
import type { NodeInfo } from '../../shared/queue/clusterResources';
import type { JobDetail } from '../../shared/queue/jobDetail';
import type { QueueJob } from '../../shared/queue/queueJob';
import { shown } from './output';

const percent = (value: number | null) => (value === null ? '-' : `${Math.round(value * 100)}%`);

function duration(seconds: number | null): string {
  if (seconds === null) return '-';
  const whole = Math.round(seconds);
  const days = Math.floor(whole / 86_400);
  const clock = [Math.floor((whole % 86_400) / 3600), Math.floor((whole % 3600) / 60), whole % 60].map((part) => String(part).padStart(2, '0')).join(':');
  return days > 0 ? `${days}-${clock}` : clock;
}

/** The person's queue as a table: Slurm's id first, the app's id where the app submitted it. */
export function queueTable(rows: readonly QueueJob[], options: { user?: boolean } = {}): string {
  if (rows.length === 0) return 'No jobs.';
  const header = `${'SLURM'.padEnd(14)}  ${'CLUSTER'.padEnd(10)}  ${options.user ? `${'USER'.padEnd(10)}  ` : ''}${'STATE'.padEnd(13)}  ${'ELAPSED'.padEnd(11)}  ${'CPU'.padEnd(4)}  ${'MEM'.padEnd(4)}  NAME`;
  const lines = rows.map((row) => {
    const why = row.reasonText ? ` (${shown(row.reasonText)})` : '';
    const app = row.appJobId ? ` [${row.appJobId}]` : '';
    const user = options.user ? `${shown(row.user).padEnd(10)}  ` : '';
    return `${shown(row.slurmId).padEnd(14)}  ${shown(row.cluster).padEnd(10)}  ${user}${row.state.padEnd(13)}  ${duration(row.elapsedSeconds).padEnd(11)}  ${percent(row.efficiency?.cpuEfficiency ?? null).padEnd(4)}  ${percent(row.efficiency?.memoryEfficiency ?? null).padEnd(4)}  ${shown(row.name)}${app}${why}`;
  });
  return [header, ...lines].join('\n');
}

export function describeEfficiency(slurmId: string, efficiency: JobEfficiency): string {
  const memory =
    efficiency.maxRssBytes === null ? '-' : `${formatBytes(efficiency.maxRssBytes)}${efficiency.requestedMemoryBytes === null ? '' : ` of ${formatBytes(efficiency.requestedMemoryBytes)} (${percent(efficiency.memoryEfficiency)})`}`;
  const lines = [
    `Job ${shown(slurmId)}`,
    `  Elapsed:   ${duration(efficiency.elapsedSeconds)} of ${efficiency.timeLimitSeconds === null ? 'no limit' : duration(efficiency.timeLimitSeconds)} (${percent(efficiency.timeUsed)})`,
    `  CPU:       ${percent(efficiency.cpuEfficiency)} of ${efficiency.allocatedCpus ?? '-'} CPUs (${duration(efficiency.totalCpuSeconds)} CPU time)`,
    `  Memory:    ${memory}`,
  ];
  if (efficiency.gpus !== null) lines.push(`  GPUs:      ${efficiency.gpus}${efficiency.gpuUtilization === null ? '' : `, ${percent(efficiency.gpuUtilization)} busy`}`);
  for (const hint of efficiency.hints) lines.push(`  Hint:      ${hint}`);
  return lines.join('\n');
}

export function describeDetail(detail: JobDetail): string {
  const line = (label: string, value: string | number | null) => `  ${`${label}:`.padEnd(12)} ${value === null ? '-' : shown(String(value))}`;
  const lines = [
    `${shown(detail.slurmId)} on ${shown(detail.cluster)}: ${detail.state}${detail.reasonText ? ` (${shown(detail.reasonText)})` : ''}${detail.appJobId ? ` [${detail.appJobId}]` : ''}`,
    line('Name', detail.name),
    line('User', detail.user),
    line('Account', detail.account),
    line('Partition', detail.partition),
    line('QOS', detail.qos),
    line('Command', detail.command),
    line('Work dir', detail.workDir),
    line('StdOut', detail.stdoutPath),
    line('StdErr', detail.stderrPath),
    line('Nodes', detail.nodes),
    line('CPUs', detail.cpus),
    line('Memory', detail.requestedMemoryBytes === null ? null : formatBytes(detail.requestedMemoryBytes)),
    line('TRES', detail.allocatedTres ?? detail.requestedTres),
    line('Time limit', detail.timeLimitSeconds === null ? 'none' : duration(detail.timeLimitSeconds)),
    line('Elapsed', duration(detail.elapsedSeconds)),
  ];
  if (detail.estimatedStartAt) lines.push(line('Est. start', detail.estimatedStartAt));
  if (detail.reasonAdvice) lines.push(line('You can', detail.reasonAdvice));
  if (detail.exit) lines.push(line('Exit', `${detail.exit.code}:${detail.exit.signal}`));
  if (detail.efficiency) lines.push(describeEfficiency(detail.slurmId, detail.efficiency));
  return lines.join('\n');
}

export function nodeTable(nodes: readonly NodeInfo[]): string {
  if (nodes.length === 0) return 'No nodes.';
  const header = `${'NODE'.padEnd(16)}  ${'STATE'.padEnd(18)}  ${'CPUS(A/T)'.padEnd(10)}  ${'MEM FREE'.padEnd(9)}  ${'GPUS(U/T)'.padEnd(9)}  REASON`;
  return [
    header,
    ...nodes.map((node) => {
      const state = [node.state, ...node.flags].join('+');
      const free = formatBytes(Math.max(0, node.memory.totalBytes - node.memory.allocatedBytes));
      return `${shown(node.name).padEnd(16)}  ${shown(state).padEnd(18)}  ${`${node.cpus.allocated}/${node.cpus.total}`.padEnd(10)}  ${free.padEnd(9)}  ${`${node.gpus.used}/${node.gpus.total}`.padEnd(9)}  ${shown(node.reason ?? '')}`;
    }),
  ].join('\n');
}
