import { resolve } from 'node:path';
import { AppError } from '../../../shared/errors';
import { cliCommand, runtimePath } from '../app/runtimeFiles';
import { createEmbeddedBackend } from './embedded/embeddedBackend';
import { createLocalBackend } from './local/localBackend';
import type { Backend } from './types';

const everyBuiltInCluster = {
  embedded: 'This computer (built-in executor, no Slurm needed)',
  local: 'Slurm on this computer',
} as const;

/**
 * The clusters every install has: "This computer" without Slurm, and Slurm on this computer.
 * Windows gets SSH and local Slurm only: the built-in executor runs bash scripts in process
 * groups and talks over a Unix socket, none of which Windows has.
 */
export const builtInClusters: Partial<typeof everyBuiltInCluster> =
  process.platform === 'win32' ? { local: everyBuiltInCluster.local } : everyBuiltInCluster;

/** Makes the backend of a saved cluster profile (SSH), or says there is no such profile. */
export type ProfileBackends = (cluster: string) => Backend | null;

/** argv that starts the detached executor daemon of one state folder (the CLI's hidden `executor` command). */
export function executorCommand(stateDir: string): string[] {
  return cliCommand(['executor', stateDir]);
}

/**
 * One backend per cluster name, made when first used and kept (connections, the embedded
 * executor's process table): the two built in, then the saved SSH profiles.
 */
export class ClusterBackends {
  private readonly open = new Map<string, Backend>();

  constructor(
    private readonly dataDir: string,
    private readonly profileBackend: ProfileBackends = () => null,
  ) {}

  /** A profile was edited or removed: its next use connects afresh with the new settings. */
  async forget(cluster: string): Promise<void> {
    const backend = this.open.get(cluster);
    this.open.delete(cluster);
    await backend?.close();
  }

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
      case 'embedded': {
        if (!('embedded' in builtInClusters)) {
          throw new AppError('unknown-cluster', 'This computer (the built-in executor) is not available on Windows; add an SSH cluster, or use Slurm through WSL.');
        }
        const stateDir = resolve(this.dataDir, 'embedded');
        return createEmbeddedBackend({ stateDir, executorCommand: executorCommand(stateDir) });
      }
      case 'local':
        return createLocalBackend();
      default: {
        const backend = this.profileBackend(cluster);
        if (backend) return backend;
        throw new AppError(
          'unknown-cluster',
          `No cluster named ${JSON.stringify(cluster)}. Built in: ${Object.keys(builtInClusters).join(', ')}; add one with: slurmdesk clusters add NAME --host HOST --user USER`,
        );
      }
    }
  }
}

/** The built CLI (out/cli/main.mjs); under Vitest the tests build it first. */
export function cliBundlePath(): string {
  return runtimePath('cliBundle');
}
