import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventHub } from '../../shared/contract/eventHub';
import { AppError } from '../../shared/errors';
import { isTerminal } from '../../shared/jobs/jobState';
import { openAppServices, type AppServices } from '../../electron/services/appServices';
import { JobJournal } from '../../electron/services/jobs/journal';
import { createLogger } from '../../electron/services/log';
import { proofCount, recordCheck } from './support/proofRecorder';

/**
 * The local data folder full (a 1 MB tmpfs mounted for the test) while jobs are submitted, and a
 * journal whose last record is damaged: the person gets a clear error, nothing that was reported
 * submitted is lost, nothing runs that was not recorded, every intact record comes back, and the
 * person is told of the damage while its bytes are kept aside.
 */
const mountPoint = mkdtempSync(join(tmpdir(), 'slurmdesk-proof-full-'));
let mounted = false;

function open(dataDir: string, logLines: string[] = []): AppServices {
  return openAppServices({
    dataDir, electronVersion: null, openExternal: async () => false, hub: new EventHub(), backgroundRefresh: false, resubmitAfterMs: 2_000,
    log: createLogger('proof', (line) => logLines.push(line)),
  });
}

describe.skipIf(process.getuid?.() !== 0)('local data folder faults', () => {
  beforeAll(() => {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0700', 'tmpfs', mountPoint]);
    mounted = true;
  });
  afterAll(() => {
    // Lazy: the embedded executor's daemon may still hold its state folder here for a moment.
    if (mounted) execFileSync('umount', ['-l', mountPoint]);
  });

  it('disk full while submitting: a clear error, no job lost, nothing runs unrecorded', async () => {
    const dataDir = join(mountPoint, 'data');
    const jobsDir = mkdtempSync(join(tmpdir(), 'slurmdesk-proof-full-jobs-'));
    const runs = join(jobsDir, 'runs.txt');
    let services = open(dataDir);
    services.settings.write({ jobBaseDir: jobsDir });
    // Leave a little room, then keep submitting until the folder is full, and some more.
    const free = () => Number(execFileSync('df', ['--output=avail', '-B1', mountPoint], { encoding: 'utf8' }).split('\n')[1]);
    writeFileSync(join(mountPoint, 'filler'), Buffer.alloc(Math.max(0, free() - 96 * 1024)));
    const accepted: string[] = [];
    const refusals: string[] = [];
    const unclear: string[] = [];
    const attempts = proofCount(60, 30);
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      // After a few submissions with room, the folder fills up for the rest.
      if (attempt === 5) writeFileSync(join(mountPoint, 'filler-2'), Buffer.alloc(Math.max(0, free() - 4 * 1024)));
      try {
        const job = await services.engine.submit({ name: `full-${attempt}`, cluster: 'embedded', task: { kind: 'script', body: `echo m${attempt} >> ${runs}` }, environment: { MARK: `m${attempt}` } });
        accepted.push(job.id);
      } catch (error) {
        if (error instanceof AppError && /disk space|No space|ENOSPC/i.test(error.message)) refusals.push(error.code);
        else unclear.push(error instanceof Error ? `${error.name}: ${error.message} ${error.stack?.split('\n').slice(1, 6).join(' | ')}` : String(error));
      }
    }
    // Free the space, start again as after a restart, and let everything run.
    rmSync(join(mountPoint, 'filler'));
    rmSync(join(mountPoint, 'filler-2'), { force: true });
    await services.close();
    const logLines: string[] = [];
    services = open(dataDir, logLines);
    // As the app does on every start: interrupted submissions are found again or settled.
    await services.engine.recover();
    const journaled = [...services.engine.journal.all()];
    const deadline = Date.now() + 120_000;
    while ([...services.engine.journal.all()].some((record) => !isTerminal(record.state)) && Date.now() < deadline) {
      // Submissions whose outcome was unknown are resubmitted once the scheduler surely never got them.
      await services.engine.recover();
      await services.tracker.refresh('embedded');
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const after = await services.engine.submit({ name: 'after-full', cluster: 'embedded', task: { kind: 'script', body: 'true' } });
    await services.close();
    const journaledIds = new Set(journaled.map((record) => record.id));
    const lost = accepted.filter((id) => !journaledIds.has(id)).length;
    const ranMarks = existsSync(runs) ? readFileSync(runs, 'utf8').trim().split('\n').filter(Boolean) : [];
    const journaledMarks = new Set(journaled.map((record) => record.spec.environment.MARK));
    const ranUnrecorded = ranMarks.filter((mark) => !journaledMarks.has(mark)).length;
    const ranTwice = ranMarks.length - new Set(ranMarks).size;
    const notRun = journaled.filter((record) => !ranMarks.includes(record.spec.environment.MARK ?? '')).length;
    recordCheck({
      id: 'disk-full',
      area: 'fault',
      check: 'Disk full on the local data folder (1 MB tmpfs)',
      tried: `${attempts} submissions into a data folder that fills up after the fifth, then space freed and the app started again`,
      attempts,
      lost: lost + notRun,
      breached: unclear.length + ranUnrecorded + ranTwice,
      figures: { 'accepted': accepted.length, 'refused with a clear error': refusals.length, 'error codes': [...new Set(refusals)].join(', '), 'unclear errors': unclear.length, 'ran without a record': ranUnrecorded, 'journaled but never ran': notRun, 'ran twice': ranTwice, 'damaged journal lines on restart': logLines.filter((line) => /journal line|had (a|\d+) damaged record/.test(line)).length, 'submits after space freed': after ? 'ok' : 'failed' },
    });
    expect(unclear).toEqual([]);
    expect(refusals.length).toBeGreaterThan(0);
    expect(accepted.length).toBeGreaterThan(0);
    expect(lost).toBe(0);
    expect(ranUnrecorded).toBe(0);
    expect(ranTwice).toBe(0);
    expect(notRun).toBe(0);
  });

  it('a damaged last record: every intact record recovered, the person told, the damaged bytes kept', async () => {
    const rounds = proofCount(200, 40);
    const outcome = { intactRecovered: 0, intactExpected: 0, reportedAtOnce: 0, told: 0, keptExactly: 0, cleanAfter: 0 };
    for (let round = 0; round < rounds; round += 1) {
      const dataDir = mkdtempSync(join(tmpdir(), 'slurmdesk-proof-journal-'));
      const path = join(dataDir, 'journal', 'jobs.jsonl');
      mkdirSync(join(dataDir, 'journal'), { mode: 0o700 });
      const journal = new JobJournal(path);
      const count = 3 + (round % 7);
      for (let index = 0; index < count; index += 1) journal.create(sampleRecord(index));
      const text = readFileSync(path);
      const lastStart = text.subarray(0, text.length - 1).lastIndexOf(0x0a) + 1;
      // Damage kinds: torn (cut short), bytes flipped, garbage appended without a newline, truncated to nothing.
      const kind = round % 4;
      let damaged: Buffer;
      if (kind === 0) damaged = text.subarray(0, lastStart + Math.floor((text.length - lastStart) / 2));
      else if (kind === 1) damaged = Buffer.concat([text.subarray(0, lastStart), Buffer.from(text.subarray(lastStart).map((byte, index) => (index % 7 === 3 ? byte ^ 0x55 : byte)))]);
      else if (kind === 2) damaged = Buffer.concat([text, Buffer.from('{"op":"create","record":{"id":"sd-')]);
      else damaged = Buffer.concat([text.subarray(0, lastStart), Buffer.from([0xff, 0xfe, 0x00, 0x7b])]);
      writeFileSync(path, damaged);
      const intact = kind === 2 ? count : count - 1;
      const damageStart = kind === 2 ? text.length : lastStart;
      // The bytes of the damaged line, without the newline that ended it (if one did).
      const damagedLine = damaged.subarray(damageStart, damaged[damaged.length - 1] === 0x0a ? damaged.length - 1 : damaged.length);

      // Opened as the app opens it: the person is told through the contract, as a window asks on opening.
      const services = open(dataDir);
      const { notices } = await services.handlers['app.notices']({}, { signal: new AbortController().signal, transport: 'memory' });
      const recovered = services.engine.journal.size;
      outcome.intactExpected += intact;
      outcome.intactRecovered += Math.min(intact, recovered);
      const sideFile = join(dataDir, 'journal', 'jobs.damaged.jsonl');
      if (notices.some((notice) => notice.message.includes(path) && notice.message.includes(`byte ${damageStart}`) && notice.message.includes(`recovered (${intact} job`) && notice.message.includes(sideFile))) outcome.told += 1;
      const kept = existsSync(sideFile) ? readFileSync(sideFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { offset: number; base64: string }) : [];
      if (kept.length === 1 && kept[0]!.offset === damageStart && Buffer.from(kept[0]!.base64, 'base64').equals(damagedLine)) outcome.keptExactly += 1;
      await services.close();

      const reopened = new JobJournal(path);
      if (reopened.loadReport.skippedLines.length === 0) outcome.reportedAtOnce += 1;
      // A new record appended after the repair is recovered too, and the journal stays clean.
      reopened.create(sampleRecord(99));
      const again = new JobJournal(path);
      const everyLineWhole = readFileSync(path, 'utf8').split('\n').slice(0, -1).every((line) => { try { JSON.parse(line); return true; } catch { return false; } });
      if (again.size === intact + 1 && again.loadReport.repair === null && everyLineWhole) outcome.cleanAfter += 1;
    }
    recordCheck({
      id: 'journal-damaged-last-record',
      area: 'fault',
      check: 'Journal with a damaged last record',
      tried: `${rounds} journals of 3–9 jobs whose last record is torn, bit-flipped, followed by a half line, or replaced by invalid UTF-8; opened as the app opens it, then reopened, appended to and reopened again`,
      attempts: rounds,
      lost: outcome.intactExpected - outcome.intactRecovered + (rounds - outcome.keptExactly),
      breached: rounds - outcome.told,
      figures: {
        'intact records recovered': `${outcome.intactRecovered}/${outcome.intactExpected}`,
        'person told on opening (app.notices: file, byte offset, jobs recovered, where the bytes are)': outcome.told,
        'damaged bytes kept exactly in jobs.damaged.jsonl': outcome.keptExactly,
        'journal clean at the next load (told once)': outcome.reportedAtOnce,
        'clean and whole after the next write': outcome.cleanAfter,
      },
    });
    expect(outcome.intactRecovered).toBe(outcome.intactExpected);
    expect(outcome.told).toBe(rounds);
    expect(outcome.keptExactly).toBe(rounds);
    expect(outcome.reportedAtOnce).toBe(rounds);
    expect(outcome.cleanAfter).toBe(rounds);
  });
});

function sampleRecord(index: number) {
  const id = `sd-${index.toString(16).padStart(16, '0')}`;
  return {
    id, name: `job-${index}`, cluster: 'embedded', slurmId: null, state: 'SUBMITTING' as const, reason: null, exit: null,
    jobDir: `/tmp/jobs/${id}`, submittedAt: new Date(0).toISOString(), startedAt: null, endedAt: null, tasks: null, cancelRequestedAt: null,
    spec: { name: `job-${index}`, cluster: 'embedded', task: { kind: 'script' as const, body: 'true' }, resources: { extra: [] }, dependencies: [], environment: {} },
  };
}
