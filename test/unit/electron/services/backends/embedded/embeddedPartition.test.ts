import { describe, expect, it } from 'vitest';
import { embeddedPartition } from '../../../../../../electron/services/backends/embedded/embeddedPartition';

describe('embeddedPartition', () => {
  it('is one default partition with this computer’s CPUs, no GPUs and no time limit', () => {
    expect(embeddedPartition(8, 0)).toEqual({
      name: 'embedded',
      isDefault: true,
      available: 'up',
      timeLimit: 'infinite',
      maxTimeMinutes: null,
      nodes: { total: 1, idle: 1, mixed: 0, allocated: 0, down: 0, other: 0 },
      cpus: { idle: 8, total: 8 },
      gpus: { free: 0, total: 0 },
    });
  });

  it('shows CPUs held by running tasks as in use', () => {
    expect(embeddedPartition(8, 3)).toMatchObject({ cpus: { idle: 5, total: 8 }, nodes: { mixed: 1, idle: 0 } });
    expect(embeddedPartition(8, 8)).toMatchObject({ cpus: { idle: 0, total: 8 }, nodes: { allocated: 1, mixed: 0 } });
  });
});
