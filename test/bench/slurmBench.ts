import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Remote procedure calls slurmctld has answered so far, by message type, from `sdiag` (its own
 * REQUEST_STATS_INFO is left out, so asking does not count as a call).
 */
export async function rpcCounts(): Promise<Map<string, number>> {
  const { stdout } = await run('sdiag', [], { maxBuffer: 4 * 1024 * 1024 });
  const section = stdout.split('Remote Procedure Call statistics by message type')[1]?.split('Remote Procedure Call statistics by user')[0] ?? '';
  const counts = new Map<string, number>();
  for (const match of section.matchAll(/^\s*([A-Z_]+)\s+\(\s*\d+\)\s+count:(\d+)/gm)) {
    if (match[1] !== 'REQUEST_STATS_INFO') counts.set(match[1]!, Number(match[2]));
  }
  return counts;
}

/** Calls per message type between two sdiag readings; only types that moved. */
export function rpcDifference(before: Map<string, number>, after: Map<string, number>): { total: number; byType: Record<string, number> } {
  const byType: Record<string, number> = {};
  let total = 0;
  for (const [type, count] of after) {
    const moved = count - (before.get(type) ?? 0);
    if (moved > 0) {
      byType[type] = moved;
      total += moved;
    }
  }
  return { total, byType };
}

/** Counts the scheduler calls that `work` causes. */
export async function countRpcs(work: () => Promise<unknown>): Promise<{ total: number; byType: Record<string, number>; ms: number }> {
  const before = await rpcCounts();
  const start = performance.now();
  await work();
  const ms = performance.now() - start;
  return { ...rpcDifference(before, await rpcCounts()), ms };
}
