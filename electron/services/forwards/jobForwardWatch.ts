import type { Backend } from '../backends/types';
import type { Logger } from '../log';
import { runningJobs } from '../terminal/jobShell';
import type { PortForwards } from './portForwards';

const everyMs = 5_000;

/**
 * Closes a job's forwards once the job stops running: one squeue per cluster every few seconds,
 * only while such forwards exist. A cluster that cannot be asked keeps its forwards (the
 * scheduler being unreachable is not the job ending).
 */
export class JobForwardWatch {
  private timer: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(
    private readonly forwards: PortForwards,
    private readonly backend: (cluster: string) => Backend,
    private readonly log: Logger,
    private readonly intervalMs = everyMs,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.check(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const byCluster = new Map<string, ReturnType<PortForwards['forJobs']>>();
      for (const forward of this.forwards.forJobs()) byCluster.set(forward.cluster, [...(byCluster.get(forward.cluster) ?? []), forward]);
      for (const [cluster, forwards] of byCluster) {
        const running = await runningJobs(this.backend(cluster).runner, [...new Set(forwards.map((forward) => forward.slurmId))]).catch((error: unknown) => {
          this.log.warn(`checking the jobs of forwards on ${cluster} failed: ${error instanceof Error ? error.message : String(error)}`);
          return null;
        });
        if (!running) continue;
        for (const forward of forwards) if (!running.has(forward.slurmId)) this.forwards.shut(forward.id, `job ${forward.slurmId} ended`);
      }
    } finally {
      this.checking = false;
    }
  }
}
