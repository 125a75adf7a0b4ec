import { beforeEach, describe, expect, it } from 'vitest';
import { JobSpecSchema, type JobSpecInput } from '../../../../shared/jobs/jobSpec';
import { buildJobSpec } from '../../../../renderer/submit/buildJobSpec';
import { initialFields } from '../../../../renderer/submit/submitFields';
import { useSubmitFormStore } from '../../../../renderer/submit/submitFormStore';

const python: JobSpecInput = {
  name: 'train-model',
  cluster: 'hpc',
  task: { kind: 'python', target: 'pkg.train:main', args: [1, { lr: 0.1 }], kwargs: { epochs: 3 }, interpreter: '/opt/py/bin/python3', setup: ['module load python/3.11', 'source venv/bin/activate'] },
  resources: {
    partition: 'gpu', account: 'lab', qos: 'high', time: '1-00:00:00', nodes: 2, ntasks: 4, cpusPerTask: 8, memPerCpu: '4G',
    gpus: 'a100:2', gres: 'gpu:a100:2', constraint: 'a100&ib', extra: ['--exclusive', '--mail-type=END'],
  },
  array: { items: [{ sample: 'A' }, { sample: 'B' }], maxParallel: 1 },
  dependencies: [{ type: 'afterok', on: { job: 'sd-0123456789abcdef' } }, { type: 'afterany', on: { slurmId: '4242_3' } }],
  environment: { OMP_NUM_THREADS: '8' },
  upload: { root: '/home/me/project', include: ['src'], ignore: ['.git'] },
};

const script: JobSpecInput = {
  name: 'nightly',
  cluster: 'embedded',
  task: { kind: 'script', body: '#!/bin/bash\necho "$HOSTNAME"\n', sourceFile: 'nightly.sh' },
  resources: { time: '10', mem: '1G', extra: [] },
  array: { range: '0-99%10' },
};

/** What submitting the loaded form would send, parsed the way main parses it. */
function roundTrip(input: JobSpecInput) {
  useSubmitFormStore.getState().loadSpec(JobSpecSchema.parse(input));
  const built = buildJobSpec(useSubmitFormStore.getState().fields);
  if (!built.ok) throw new Error(`the loaded form does not build: ${JSON.stringify(built.errors)}`);
  return JobSpecSchema.parse(built.spec);
}

describe('submitFormStore.loadSpec', () => {
  beforeEach(() => useSubmitFormStore.setState({ fields: initialFields }));

  it('fills every field of a Python job so that submitting it again sends the same spec', () => {
    expect(roundTrip(python)).toEqual(JobSpecSchema.parse(python));
    const { fields } = useSubmitFormStore.getState();
    expect(fields).toMatchObject({ kind: 'python', pythonModule: 'pkg.train', pythonFunction: 'main', args: '[1,{"lr":0.1}]', arrayMode: 'items', arrayMaxParallel: '1', partition: 'gpu', account: 'lab', qos: 'high' });
    expect(fields.dependencies.map((dependency) => dependency.label)).toEqual(['sd-0123456789abcdef', '4242_3']);
  });

  it('fills a script job with its array range and source file', () => {
    expect(roundTrip(script)).toEqual(JobSpecSchema.parse(script));
    expect(useSubmitFormStore.getState().fields).toMatchObject({ kind: 'script', sourceFile: 'nightly.sh', arrayMode: 'range', arrayRange: '0-99%10', args: '[]' });
  });

  it('replaces what was typed before, leaving nothing of the earlier job behind', () => {
    useSubmitFormStore.getState().loadSpec(JobSpecSchema.parse(python));
    useSubmitFormStore.getState().loadSpec(JobSpecSchema.parse(script));
    const { fields } = useSubmitFormStore.getState();
    expect(fields).toMatchObject({ pythonModule: '', partition: '', account: '', dependencies: [], environment: {}, upload: null, arrayItems: '' });
  });
});

describe('submitFormStore.chooseCluster', () => {
  beforeEach(() => useSubmitFormStore.setState({ fields: initialFields }));

  it("puts the profile's defaults in partition, account and QOS, and clears them for a cluster without", () => {
    const { chooseCluster } = useSubmitFormStore.getState();
    chooseCluster('hpc', { partition: 'batch', account: 'lab' });
    expect(useSubmitFormStore.getState().fields).toMatchObject({ cluster: 'hpc', partition: 'batch', account: 'lab', qos: '' });
    chooseCluster('embedded', {});
    expect(useSubmitFormStore.getState().fields).toMatchObject({ cluster: 'embedded', partition: '', account: '', qos: '' });
  });

  it('adds a dependency once', () => {
    const { addDependency } = useSubmitFormStore.getState();
    addDependency({ type: 'afterok', on: { slurmId: '12' }, label: 'Slurm job 12' });
    addDependency({ type: 'afterok', on: { slurmId: '12' }, label: 'Slurm job 12' });
    addDependency({ type: 'afterany', on: { slurmId: '12' }, label: 'Slurm job 12' });
    expect(useSubmitFormStore.getState().fields.dependencies).toHaveLength(2);
  });
});
