import type { Logger } from '../../log';
import type { Job, Task } from './embeddedState';
import type { JobTable } from './jobTable';
import { isSameProcess, readExitFile, signalTaskGroup } from './taskProcess';

export type TaskWatchHooks = {
  graceMs: number;
  pollMs: number;
  /** A child of this app reports its own exit; only adopted tasks need polling. */
  isOwnChild(task: Task): boolean;
  exitFile(task: Task): string;
  persist(): Promise<void>;
  /** An adopted task ended, with the status its wrapper recorded (null: none). */
  finish(job: Job, task: Task, status: number | null): void;
  log: Logger;
};

// setTimeout's longest delay; a later deadline is simply re-armed when this one fires.
const maxDelayMs = 2 ** 31 - 1;

/**
 * The one timer of the scheduler: armed for the next thing due (a time limit, the SIGKILL that
 * follows a SIGTERM, or a look at tasks adopted from an earlier run), never a busy loop.
 */
export class TaskWatch {
  #timer: NodeJS.Timeout | null = null;
  #stopped = false;
  readonly #table: JobTable;
  readonly #hooks: TaskWatchHooks;

  constructor(table: JobTable, hooks: TaskWatchHooks) {
    this.#table = table;
    this.#hooks = hooks;
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  arm(): void {
    if (this.#stopped) return;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const now = Date.now();
    let next = Infinity;
    for (const { task } of this.#table.runningTasks()) {
      if (task.pid === null) continue;
      if (!this.#hooks.isOwnChild(task)) next = Math.min(next, now + this.#hooks.pollMs);
      if (task.intent === null && task.deadline !== null) next = Math.min(next, task.deadline);
      if (task.intent !== null && task.killAt !== null) next = Math.min(next, task.killAt);
    }
    if (next === Infinity) return;
    const tick = () => void this.#tick().catch((error: unknown) => this.#hooks.log.error('Watching tasks failed', error));
    this.#timer = setTimeout(tick, Math.min(maxDelayMs, Math.max(0, next - now)));
    // The app may exit while tasks run: they outlive it by design.
    this.#timer.unref();
  }

  async #tick(): Promise<void> {
    this.#timer = null;
    if (this.#stopped) return;
    const now = Date.now();
    const timedOut: Task[] = [];
    for (const { job, task } of [...this.#table.runningTasks()]) {
      if (task.pid === null) continue;
      if (!this.#hooks.isOwnChild(task)) {
        const status = readExitFile(this.#hooks.exitFile(task));
        // The exit file is read again after the process is seen gone: it may have been written in between.
        if (status !== null || !isSameProcess(task.pid, task.procStart)) {
          this.#hooks.finish(job, task, status ?? readExitFile(this.#hooks.exitFile(task)));
          continue;
        }
      }
      if (task.intent === null && task.deadline !== null && now >= task.deadline) {
        Object.assign(task, { intent: 'timeout', killAt: now + this.#hooks.graceMs });
        timedOut.push(task);
      } else if (task.intent !== null && task.killAt !== null && now >= task.killAt) {
        signalTaskGroup(task.pid, task.procStart, 'SIGKILL');
        // Null marks the SIGKILL as sent: a task that then leaves no status was killed by it.
        task.killAt = null;
      }
    }
    if (timedOut.length > 0) {
      try {
        // On disk before the signal, so a restart in between still ends the task as TIMEOUT.
        await this.#hooks.persist();
      } catch (error) {
        this.#hooks.log.error('The time limit could not be recorded before signalling', error);
      }
      for (const task of timedOut) if (task.pid !== null && !this.#stopped) signalTaskGroup(task.pid, task.procStart, 'SIGTERM');
    }
    this.arm();
  }
}
