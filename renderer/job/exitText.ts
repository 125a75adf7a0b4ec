import type { JobSummary } from '../../shared/jobs/jobRecord';

/** An array's exit is 0 when every task exited 0, else its worst task's, named. */
export function exitText(exit: JobSummary['exit'], isArray = false): string {
  if (!exit) return '—';
  const status = exit.signal === 0 ? String(exit.code) : `${exit.code} (signal ${exit.signal})`;
  if (exit.task !== undefined) return `${status} (task ${exit.task}, the worst of the array)`;
  return isArray ? `${status} (every task)` : status;
}
