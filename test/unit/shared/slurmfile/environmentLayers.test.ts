import { describe, expect, it } from 'vitest';
import { deepMerge, environmentLayers, environmentNames, mergeLayers, sourcePath } from '../../../../shared/slurmfile/environmentLayers';

const document = {
  submit: { partition: 'root-sections', time: '10' },
  default: { submit: { partition: 'root-default', mem: '1G' }, cluster: { backend: 'ssh', host: 'a.example.org' } },
  environments: {
    default: { submit: { partition: 'env-default', qos: 'normal' } },
    gpu: { submit: { gpus: '2' }, cluster: { host: 'gpu.example.org' } },
  },
  gpu: { submit: { partition: 'root-gpu', gpus: '1' } },
  cpu: { submit: { partition: 'cpu' } },
};

describe('Slurmfile environment layers', () => {
  it('lists environments from [environments.NAME] and root tables, default first', () => {
    expect(environmentNames(document)).toEqual(['default', 'cpu', 'gpu']);
    expect(environmentNames({ cluster: { backend: 'local' } })).toEqual(['default']);
  });

  it('merges root sections, root default, environments.default, then the environment (root table, then environments.NAME)', () => {
    const layers = environmentLayers(document, 'gpu')!;
    expect(layers.map((layer) => layer.path.join('.'))).toEqual(['', 'default', 'environments.default', 'gpu', 'environments.gpu']);
    expect(mergeLayers(layers)).toEqual({
      submit: { partition: 'root-gpu', time: '10', mem: '1G', qos: 'normal', gpus: '2' },
      cluster: { backend: 'ssh', host: 'gpu.example.org' },
    });
  });

  it('uses the defaults alone for default, and says null for a missing environment', () => {
    expect(mergeLayers(environmentLayers(document, 'default')!).submit).toEqual({ partition: 'env-default', time: '10', mem: '1G', qos: 'normal' });
    expect(environmentLayers(document, 'nope')).toBeNull();
    expect(environmentLayers({ gpu: { submit: {} } }, 'default')).toBeNull();
  });

  it('replaces arrays instead of concatenating them', () => {
    expect(deepMerge({ callbacks: ['a'], submit: { extra: ['--x'] } }, { callbacks: ['b'] })).toEqual({ callbacks: ['b'], submit: { extra: ['--x'] } });
  });

  it('finds which layer a merged key came from', () => {
    const layers = environmentLayers(document, 'gpu')!;
    expect(sourcePath(layers, ['submit', 'gpus'])).toEqual(['environments', 'gpu', 'submit', 'gpus']);
    expect(sourcePath(layers, ['submit', 'mem'])).toEqual(['default', 'submit', 'mem']);
    expect(sourcePath(layers, ['submit', 'time'])).toEqual(['submit', 'time']);
  });
});
