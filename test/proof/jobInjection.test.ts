import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { JobSpecSchema } from '../../shared/jobs/jobSpec';
import { hasLoneSurrogate } from '../../shared/security/wellFormedText';
import { openHarness, type EngineHarness } from '../integration/jobs/engineHarness';
import { armedString, createArgvProbe, type ArgvProbe } from './support/argvProbe';
import { hostileString, seededRandom } from './support/hostileValues';
import { proofCount, recordCheck } from './support/proofRecorder';

/**
 * Hostile text in every field of a real submission on "This computer" (the embedded executor runs
 * the same job script a cluster would): environment values, the job folder's base path, uploaded
 * file names, and the validated fields (name, partition, account, QOS, extra directives). Each
 * value either reaches the job exactly as written or is refused by validation; no injected
 * command ever runs.
 */
const jobs = proofCount(40, 6);
const envPerJob = 25;
let harness: EngineHarness;
let probe: ArgvProbe;

beforeAll(() => {
  harness = openHarness('embedded');
  probe = createArgvProbe();
});
afterAll(() => harness?.close());

// The job writes every environment value it received as hex, in the order given, with Python so
// no shell of the job's own touches the values.
const dumpEnvironment = (names: string[]) =>
  `python3 -c 'import os,sys; open("env.hex","w").write(" ".join(os.environb[n.encode()].hex() for n in sys.argv[1:]))' ${names.join(' ')}`;

describe('shell injection: every field of a real submission', () => {
  it('environment values, base paths and uploaded file names arrive exactly or are refused in words; nothing injected runs', async () => {
    const random = seededRandom(11);
    const figures = { envSent: 0, envExact: 0, envRefused: 0, basePaths: 0, basePathsExact: 0, basePathsRefused: 0, files: 0, filesExact: 0, filesRefused: 0 };
    const breaches: string[] = [];
    for (let index = 0; index < jobs; index += 1) {
      const environment: Record<string, string> = {};
      for (let n = 0; n < envPerJob; n += 1) environment[`V${n}`] = armedString(random, probe.canaryDir, `env${index}-${n}`);
      // A hostile base folder for this job's folder (one path segment: a '/' only adds folders).
      const segment = sanitizeSegment(armedString(random, probe.canaryDir, `base${index}`).slice(0, 180));
      const base = join(mkdtempSync(join(tmpdir(), 'slurmdesk-proof-base-')), segment);
      // Uploaded files whose names are hostile.
      const root = mkdtempSync(join(tmpdir(), 'slurmdesk-proof-upload-'));
      const fileNames = Array.from({ length: 5 }, (_, n) => `${sanitizeSegment(hostileString(random, { maxFragments: 4 })).slice(0, 150)}-${n}.txt`);
      for (const name of fileNames) writeFileSync(join(root, name), name);
      try {
        harness.services.settings.write({ jobBaseDir: base });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        figures.basePathsRefused += 1;
        harness.services.settings.write({ jobBaseDir: join(tmpdir(), 'slurmdesk-proof-plain') });
      }
      const wellFormed = Object.fromEntries(Object.entries(environment).filter(([, value]) => !value.includes('\0') && !hasLoneSurrogate(value)));
      figures.envSent += envPerJob;
      figures.basePaths += 1;
      figures.files += fileNames.length;
      const spec = {
        name: `proof-${index}`,
        task: { kind: 'script' as const, body: dumpEnvironment(Object.keys(wellFormed)) },
        environment,
        upload: { root, include: ['.'] },
      };
      let job;
      try {
        job = await harness.submit(spec);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        // Values no job can receive exactly are refused as a whole spec: count and resubmit without them.
        figures.envRefused += envPerJob - Object.keys(wellFormed).length;
        try {
          job = await harness.submit({ ...spec, environment: wellFormed });
        } catch (again) {
          if (!(again instanceof AppError)) throw again;
          figures.basePathsRefused += 1;
          harness.services.settings.write({ jobBaseDir: join(tmpdir(), 'slurmdesk-proof-plain') });
          job = await harness.submit({ ...spec, environment: wellFormed });
        }
      }
      const ended = await harness.waitForEnd(job.id, 60_000);
      if (ended.state !== 'COMPLETED') breaches.push(`job ${index} ended ${ended.state}: ${ended.reason}`);
      if (ended.jobDir.startsWith(base)) figures.basePathsExact += existsSync(ended.jobDir) ? 1 : 0;
      const arrived = readFileSync(join(ended.jobDir, 'project', 'env.hex'), 'utf8').split(' ');
      Object.values(wellFormed).forEach((value, n) => {
        if (arrived[n] === Buffer.from(value, 'utf8').toString('hex')) figures.envExact += 1;
        else breaches.push(`env ${JSON.stringify(value).slice(0, 120)} arrived as ${arrived[n]?.slice(0, 80)}`);
      });
      const uploaded = readdirSync(join(ended.jobDir, 'project'));
      // A name the upload manifest cannot carry (a control character) is left out, and the preview
      // and the CLI say so with the reason before anything is sent: refused in words, never altered.
      const { shipping } = await harness.services.engine.preview({ ...spec, environment: wellFormed, cluster: 'embedded' });
      const leftOut = new Map((shipping?.skipped ?? []).map((entry) => [entry.path, entry.reason]));
      for (const name of fileNames) {
        if (uploaded.includes(name) && readFileSync(join(ended.jobDir, 'project', name), 'utf8') === name) figures.filesExact += 1;
        else if (!uploaded.includes(name) && /control character/.test(leftOut.get(name) ?? '')) figures.filesRefused += 1;
        else breaches.push(`file ${JSON.stringify(name)} did not arrive under its own name`);
      }
      // Nothing arrives under a name that was not sent: no file was renamed on the way.
      for (const name of uploaded) if (name !== 'env.hex' && !fileNames.includes(name)) breaches.push(`an unexpected file ${JSON.stringify(name)} arrived`);
    }
    const executions = probe.executions();
    recordCheck({
      id: 'shell-injection-job-fields',
      area: 'attack',
      check: 'Shell injection: environment values, job folder paths, uploaded file names (real jobs on This computer)',
      tried: `${jobs} jobs, each with ${envPerJob} armed environment values, a hostile job base folder and 5 hostile upload file names`,
      attempts: figures.envSent + figures.basePaths + figures.files,
      lost: 0,
      breached: breaches.length + executions,
      figures: {
        'env values exact': figures.envExact, 'env values refused': figures.envRefused,
        'base folders used exactly': figures.basePathsExact, 'base folders refused': figures.basePathsRefused,
        'file names exact': figures.filesExact, 'file names refused in words': figures.filesRefused, 'injected commands executed': executions,
      },
    });
    expect(breaches.slice(0, 5)).toEqual([]);
    expect(executions).toBe(0);
    expect(figures.envExact + figures.envRefused).toBe(figures.envSent);
    expect(figures.filesExact + figures.filesRefused).toBe(figures.files);
    expect(figures.filesExact).toBeGreaterThan(0);
  });

  it('job name, partition, account, QOS, constraint and extra directives: refused unless plain', async () => {
    const random = seededRandom(12);
    const count = proofCount(2000, 300);
    const fields = ['name', 'partition', 'account', 'qos', 'constraint', 'extra'] as const;
    let refused = 0;
    const accepted: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const field = fields[index % fields.length]!;
      const value = armedString(random, probe.canaryDir, `field${index}`);
      const resources = field === 'name' ? {} : field === 'extra' ? { extra: [`--${value}`] } : { [field]: value };
      const spec = { name: field === 'name' ? value : 'plain', cluster: 'embedded', task: { kind: 'script', body: 'true' }, resources };
      if (JobSpecSchema.safeParse(spec).success) accepted.push(`${field}=${JSON.stringify(value)}`);
      else refused += 1;
    }
    // Armed values always hold shell syntax, so validation must refuse every one before any submission.
    await expect(harness.submit({ name: '$(id)', task: { kind: 'script', body: 'true' } })).rejects.toThrow(AppError);
    recordCheck({
      id: 'shell-injection-validated-fields',
      area: 'attack',
      check: 'Shell injection: job name, partition, account, QOS, constraint, extra directives',
      tried: `${count} armed hostile values spread over the six validated fields`,
      attempts: count,
      lost: 0,
      breached: accepted.length + probe.executions(),
      figures: { 'refused by validation': refused },
    });
    expect(accepted.slice(0, 5)).toEqual([]);
  });
});

/** A file or folder name: no '/' (it would only add folders) and nothing no file name can hold. */
function sanitizeSegment(text: string): string {
  const cleaned = [...text].filter((char) => char !== '/' && char !== '\0' && !hasLoneSurrogate(char)).join('');
  const name = cleaned.replace(/^\.+$/, 'dots');
  return name === '' ? 'empty' : name;
}
