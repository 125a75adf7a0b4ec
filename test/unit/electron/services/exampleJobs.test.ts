import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JobSpecSchema } from '../../../../shared/jobs/jobSpec';
import { exampleJobs } from '../../../../electron/services/examples/exampleJobs';

describe('the first-run example', () => {
  it('is a valid job for This computer whose file is written privately where its upload reads it', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'slurmdesk-examples-'));
    const [example] = exampleJobs(dataDir);
    expect(example).toBeDefined();
    const spec = JobSpecSchema.parse(example!.spec);
    expect(spec.cluster).toBe('embedded');
    expect(spec.upload?.root).toBe(join(dataDir, 'examples'));
    const file = join(dataDir, 'examples', 'estimate_pi.py');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain('def estimate_pi(');
  });

  it('its function returns JSON with an estimate close to pi', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'slurmdesk-examples-'));
    exampleJobs(dataDir);
    const output = execFileSync('python3', ['-c', 'import json, estimate_pi; print(json.dumps(estimate_pi.estimate_pi(200000, seed=1)))'], {
      cwd: join(dataDir, 'examples'),
      encoding: 'utf8',
    });
    const result = JSON.parse(output.trim().split('\n').at(-1)!) as { pi: number; samples: number };
    expect(result.samples).toBe(200000);
    expect(Math.abs(result.pi - Math.PI)).toBeLessThan(0.02);
  });
});
