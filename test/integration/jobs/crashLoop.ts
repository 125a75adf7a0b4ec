import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { isTerminal } from '../../../shared/jobs/jobState';
import { buildCli } from '../../../build/scripts/build.mjs';
import { openAppServices } from '../../../electron/services/appServices';
import { EventHub } from '../../../shared/contract/eventHub';
import { silentLogger } from '../../../electron/services/log';
import { repoRoot } from './engineHarness';

export type CrashReport = { attempts: number; journaled: number; finishedNormally: number; recovered: number; ran: number; duplicates: number; lost: number };

/**
 * Starts `slurmdesk submit` again and again and kills it (SIGKILL) at a random moment, so some
 * runs die before the journal, some between journal and sbatch, some after. Then the next start
 * recovers, and every journaled job must have run exactly once.
 */
export async function crashLoop(cluster: 'embedded' | 'local', attempts: number): Promise<CrashReport> {
  const env = { ...process.env };
  await buildCli();
  const dataDir = mkdtempSync(join(tmpdir(), `slurmdesk-crash-${cluster}-`));
  const runs = join(dataDir, 'runs.txt');
  const script = join(dataDir, 'mark.sh');
  writeFileSync(script, `echo "$MARK" >> ${JSON.stringify(runs)}\n`);
  if (cluster === 'local') {
    // A slow sbatch (the real one, 300 ms late, as on a busy controller) widens the window between
    // the journal write and sbatch's reply, so the kills below land inside it every time.
    const shimDir = join(dataDir, 'slow-sbatch');
    mkdirSync(shimDir);
    const real = execFileSync('sh', ['-c', 'command -v sbatch'], { encoding: 'utf8' }).trim();
    writeFileSync(join(shimDir, 'sbatch'), `#!/bin/sh\nsleep 0.3\nexec ${real} "$@"\n`, { mode: 0o755 });
    env.PATH = `${shimDir}:${env.PATH ?? ''}`;
  }
  const settingsServices = openServices(dataDir);
  settingsServices.settings.write({ jobBaseDir: join(dataDir, 'jobs') });
  await settingsServices.close();

  const journalDir = join(dataDir, 'journal');
  mkdirSync(journalDir, { recursive: true });
  const journalFile = join(journalDir, 'jobs.jsonl');
  let finishedNormally = 0;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const child = spawn(process.execPath, [join(repoRoot, 'out', 'cli', 'main.mjs'), 'submit', '--cluster', cluster, script, '--env', `MARK=m${attempt}`, '--json'], {
      env: { ...env, SLURMDESK_HOME: dataDir },
      stdio: 'ignore',
      detached: true,
    });
    // Killing the CLI alone lets an sbatch it started finish (the job exists, unrecorded: recovery
    // must find it); killing its whole process group stops sbatch too (recovery must submit it).
    const kill = () => {
      try {
        if (attempt % 4 === 0) process.kill(-child.pid!, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    };
    // Every other run is killed the instant the journal changes, which lands between the journal
    // write and sbatch's reply; the rest at a random moment of the whole submission.
    const journaled = () => existsSync(journalFile) && readFileSync(journalFile, 'utf8').includes(`"MARK":"m${attempt}"`);
    const watcher = attempt % 2 === 0 ? watch(journalDir, () => journaled() && kill()) : null;
    const timer = setTimeout(kill, watcher ? 10_000 : 80 + Math.random() * 700);
    const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
    clearTimeout(timer);
    watcher?.close();
    if (code === 0) finishedNormally += 1;
  }

  // The next start, once anything a killed process left running must have landed (the sbatch
  // above takes 0.3 s): recovery, then tracking until everything has ended.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const services = openServices(dataDir, 2_000);
  const recoveredJobs = await services.engine.recover();
  const deadline = Date.now() + 180_000;
  while ([...services.engine.journal.all()].some((record) => !isTerminal(record.state)) && Date.now() < deadline) {
    await services.tracker.refresh(cluster);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const records = [...services.engine.journal.all()];
  await services.close();

  const marks = existsSync(runs) ? readFileSync(runs, 'utf8').trim().split('\n').filter(Boolean) : [];
  const runsPerMark = new Map<string, number>();
  for (const mark of marks) runsPerMark.set(mark, (runsPerMark.get(mark) ?? 0) + 1);
  const journaledMarks = records.map((record) => record.spec.environment.MARK!);
  for (const record of records) expect(record.state, `${record.id} ${record.reason ?? ''}`).toBe('COMPLETED');
  const report: CrashReport = {
    attempts,
    journaled: records.length,
    finishedNormally,
    recovered: recoveredJobs.length,
    ran: marks.length,
    duplicates: [...runsPerMark.values()].filter((count) => count > 1).length,
    lost: journaledMarks.filter((mark) => !runsPerMark.has(mark)).length,
  };
  // Nothing runs that was not journaled first.
  for (const mark of runsPerMark.keys()) expect(journaledMarks).toContain(mark);
  return report;
}

function openServices(dataDir: string, resubmitAfterMs?: number) {
  return openAppServices({
    dataDir,
    electronVersion: null,
    openExternal: async () => false,
    hub: new EventHub(),
    log: silentLogger,
    backgroundRefresh: false,
    ...(resubmitAfterMs === undefined ? {} : { resubmitAfterMs }),
  });
}
