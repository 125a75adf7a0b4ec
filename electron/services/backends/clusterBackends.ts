import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { createEmbeddedBackend } from './embedded/embeddedBackend';
import { createLocalBackend } from './local/localBackend';
import type { Backend } from './types';

/** The clusters every install has: "This computer" without Slurm, and Slurm on this computer. */
export const builtInClusters = {
  embedded: 'This computer (built-in executor, no Slurm needed)',
  local: 'Slurm on this computer',
} as const;

/**
 * One backend per cluster name, made when first used and kept (connections, the embedded
 * executor's process table). SSH cluster profiles join here.
 */
export class ClusterBackends {
  private readonly open = new Map<string, Backend>();

  constructor(private readonly dataDir: string) {}

  get = (cluster: string): Backend => {
    const existing = this.open.get(cluster);
    if (existing) return existing;
    const backend = this.create(cluster);
    this.open.set(cluster, backend);
    return backend;
  };

  async closeAll(): Promise<void> {
    const backends = [...this.open.values()];
    this.open.clear();
    await Promise.all(backends.map((backend) => backend.close()));
  }

  private create(cluster: string): Backend {
    switch (cluster) {
      case 'embedded':
        return createEmbeddedBackend({ stateDir: join(this.dataDir, 'embedded') });
      case 'local':
        return createLocalBackend();
      default:
        throw new AppError(
          'unknown-cluster',
          `No cluster named ${JSON.stringify(cluster)}. Built in: ${Object.keys(builtInClusters).join(', ')}.`,
        );
    }
  }
}
