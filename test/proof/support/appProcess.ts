import { readFileSync } from 'node:fs';
import { startBrowserMode, type RunningApp } from '../../e2e/support/browserMode';

export type AppUnderAttack = RunningApp & { alive(): boolean; rssBytes(): number };

/** The app as a person starts it in browser mode (`npm start --browser`), as a separate process. */
export async function startAppUnderAttack(options: { env?: NodeJS.ProcessEnv; dataDir?: string } = {}): Promise<AppUnderAttack> {
  const app = await startBrowserMode(options);
  return {
    ...app,
    alive: () => app.process.exitCode === null && app.process.signalCode === null,
    rssBytes: () => rssOfTree(app.process.pid!),
  };
}

/** Resident memory of a process and its children (npm start runs the host in a child). */
export function rssOfTree(pid: number): number {
  let total = 0;
  const visit = (id: number) => {
    try {
      const status = readFileSync(`/proc/${id}/status`, 'utf8');
      const match = /VmRSS:\s+(\d+) kB/.exec(status);
      if (match) total += Number(match[1]) * 1024;
      const children = readFileSync(`/proc/${id}/task/${id}/children`, 'utf8').trim();
      for (const child of children.split(/\s+/).filter(Boolean)) visit(Number(child));
    } catch {
      // The process left between listing and reading: it holds no memory any more.
    }
  };
  visit(pid);
  return total;
}
