import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JobRecord } from '../../../shared/jobs/jobRecord';
import type { JobState } from '../../../shared/jobs/jobState';
import { parseSlurmTime } from '../../../shared/jobs/slurmValues';

/** A small deterministic generator, so a seeded folder is the same on every run. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]! };
}

const projects = ['train-resnet', 'align-reads', 'md-sim', 'sweep-lr', 'render-frames', 'bootstrap-ci', 'fit-gp', 'qc-samples', 'assemble', 'tokenize'];
const pendingReasons = ['Resources', 'Priority', 'Dependency', 'QOSMaxJobsPerUserLimit', 'DependencyNeverSatisfied', 'JobHeldUser'];
const limits = ['30', '1:00:00', '4:00:00', '12:00:00', '2-00:00:00', undefined];

/** Outcomes in rough proportion to a busy research group's history. */
const outcomes: [JobState, number][] = [
  ['COMPLETED', 0.55], ['FAILED', 0.07], ['CANCELLED', 0.05], ['TIMEOUT', 0.02], ['OUT_OF_MEMORY', 0.01], ['PENDING', 0.16], ['RUNNING', 0.14],
];

export type SeededJobs = {
  dataDir: string;
  count: number;
  /** Jobs per state family as the table's state filter counts them. */
  families: Record<'pending' | 'running' | 'completed' | 'failed' | 'cancelled', number>;
  /** One job with a name no other job has, to find by text. */
  needle: { id: string; name: string; slurmId: string };
};

/**
 * Writes a journal of `count` realistic jobs into a new data folder, as the app would have written
 * them, before the app starts. Jobs still waiting or running are on clusters this install has no
 * profile for (hpc-a, gpu-b), so the app's refresh leaves them alone and the figures stay as seeded;
 * the built-in cluster only has jobs that ended. `activeClusters` puts the waiting and running jobs
 * on other clusters instead (`['embedded']`: the app's refresh has all of them to track).
 */
export function seedJobs(dataDir: string, count: number, options: { now?: number; activeClusters?: readonly string[] } = {}): SeededJobs {
  const now = options.now ?? Date.now();
  const activeClusters = options.activeClusters ?? ['hpc-a', 'gpu-b'];
  const random = generator(20_261_126);
  const families: SeededJobs['families'] = { pending: 0, running: 0, completed: 0, failed: 0, cancelled: 0 };
  const lines: string[] = [];
  let needle: SeededJobs['needle'] | null = null;
  for (let index = 0; index < count; index += 1) {
    let roll = random.next();
    const state = outcomes.find(([, share]) => (roll -= share) < 0)?.[0] ?? 'COMPLETED';
    const active = state === 'PENDING' || state === 'RUNNING';
    const cluster = active ? random.pick(activeClusters) : random.pick(['hpc-a', 'gpu-b', 'embedded']);
    const isNeedle = index === Math.floor(count / 3);
    const name = isNeedle ? 'needle-in-the-haystack' : `${random.pick(projects)}-${String(index % 997).padStart(3, '0')}`;
    const id = `sd-${index.toString(16).padStart(16, '0')}`;
    const slurmId = String(1_000_000 + index);
    if (isNeedle) needle = { id, name, slurmId };
    // Spread over the last 90 days, oldest first, a few seconds apart.
    const submitted = now - (count - index) * Math.floor((90 * 86_400_000) / count);
    const time = random.pick(limits);
    // Jobs run within their limit; a TIMEOUT ran all of it.
    const limitMs = time === undefined ? 8 * 3_600_000 : parseSlurmTime(time)! * 1000;
    const started = state === 'PENDING' ? null : Math.min(now - 1000, submitted + Math.floor(random.next() * 3_600_000));
    const ran = state === 'TIMEOUT' ? limitMs : Math.floor(random.next() * limitMs);
    const ended = active || started === null ? null : Math.min(now, started + ran);
    const isArray = index % 499 === 0;
    const nodes = random.next() < 0.2 ? 1 + Math.floor(random.next() * 8) : undefined;
    const record: JobRecord = {
      id,
      name,
      cluster,
      slurmId,
      state,
      reason: state === 'PENDING' ? random.pick(pendingReasons) : state === 'FAILED' ? 'NonZeroExitCode' : state === 'TIMEOUT' ? 'TimeLimit' : null,
      exit: state === 'COMPLETED' ? { code: 0, signal: 0 } : state === 'FAILED' ? { code: 1, signal: 0 } : null,
      jobDir: `/home/researcher/slurm_jobs/${name}/run_${index}`,
      submittedAt: new Date(submitted).toISOString(),
      startedAt: started === null ? null : new Date(started).toISOString(),
      endedAt: ended === null ? null : new Date(ended).toISOString(),
      tasks: isArray ? arrayCounts(state) : null,
      cancelRequestedAt: null,
      spec: {
        name,
        cluster,
        task: { kind: 'script', body: `python run.py --seed ${index}` },
        resources: { ...(time ? { time } : {}), ...(nodes ? { nodes } : {}), extra: [] },
        ...(isArray ? { array: { range: '0-99' } } : {}),
        dependencies: [],
        environment: {},
      },
    };
    families[familyOf(state)] += 1;
    lines.push(JSON.stringify({ op: 'create', record }));
  }
  mkdirSync(join(dataDir, 'journal'), { recursive: true, mode: 0o700 });
  writeFileSync(join(dataDir, 'journal', 'jobs.jsonl'), lines.join('\n') + '\n', { mode: 0o600 });
  return { dataDir, count, families, needle: needle! };
}

function arrayCounts(state: JobState): JobRecord['tasks'] {
  if (state === 'RUNNING') return { total: 100, counts: { COMPLETED: 60, RUNNING: 8, PENDING: 30, FAILED: 2 } };
  if (state === 'PENDING') return { total: 100, counts: { PENDING: 100 } };
  if (state === 'COMPLETED') return { total: 100, counts: { COMPLETED: 100 } };
  return { total: 100, counts: { COMPLETED: 90, [state]: 10 } };
}

function familyOf(state: JobState): keyof SeededJobs['families'] {
  if (state === 'PENDING') return 'pending';
  if (state === 'RUNNING') return 'running';
  if (state === 'COMPLETED') return 'completed';
  if (state === 'CANCELLED') return 'cancelled';
  return 'failed';
}
