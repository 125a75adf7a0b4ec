import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JobSpecSchema, type JobSpec } from '../../../shared/jobs/jobSpec';
import estimatePiSource from './estimate_pi.py?raw';

export type ExampleJob = { id: string; title: string; description: string; spec: JobSpec };

/**
 * The examples a new person can run before configuring anything. Their files ship inside the app
 * and are written to the data folder, so a job can upload them like any project file.
 */
export function exampleJobs(dataDir: string): ExampleJob[] {
  const root = join(dataDir, 'examples');
  mkdirSync(root, { recursive: true, mode: 0o700 });
  writeFileSync(join(root, 'estimate_pi.py'), estimatePiSource, { mode: 0o600 });
  return [
    {
      id: 'estimate-pi',
      title: 'Estimate π',
      description: 'A Python function that throws two million random points and returns its estimate as JSON. Runs on This computer in about a second.',
      spec: JobSpecSchema.parse({
        name: 'estimate-pi',
        cluster: 'embedded',
        task: { kind: 'python', target: 'estimate_pi.py:estimate_pi', args: [], kwargs: { samples: 2_000_000 } },
        resources: { time: '0:05:00', extra: [] },
        upload: { root, include: ['estimate_pi.py'] },
      }),
    },
  ];
}
