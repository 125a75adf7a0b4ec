import type { JobId } from '../../../shared/jobs/jobSpec';
import type { JobJournal } from '../jobs/journal';

/**
 * Slurm id → the app's id for the jobs the app submitted, per cluster: how a queue row learns it
 * is one of the app's (and the Jobs table shows it once). Rebuilt only when the journal changed.
 */
export class AppJobIndex {
  #version = -1;
  #byCluster = new Map<string, Map<string, JobId>>();

  constructor(private readonly journal: JobJournal) {}

  of(cluster: string): Map<string, JobId> {
    if (this.#version !== this.journal.version) {
      this.#byCluster = new Map();
      for (const record of this.journal.all()) {
        if (record.slurmId === null) continue;
        let ids = this.#byCluster.get(record.cluster);
        if (!ids) this.#byCluster.set(record.cluster, (ids = new Map()));
        ids.set(record.slurmId, record.id);
      }
      this.#version = this.journal.version;
    }
    return this.#byCluster.get(cluster) ?? new Map();
  }
}
