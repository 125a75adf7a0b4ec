import { create } from 'zustand';
import type { ContractClient } from '../../shared/contract/client';
import { reportIfDisconnected } from '../app/reportIfDisconnected';

export type QueuedDownload = {
  id: number;
  cluster: string;
  path: string;
  status: 'queued' | 'running' | 'paused' | 'done' | 'failed';
  /** Resume what an earlier attempt left (after a pause or a cut). */
  resume: boolean;
  transferred: number;
  total: number;
  bytesPerSecond: number;
  message: string | null;
  /** Where a resumed download continued: the bytes already here when it started again. */
  resumedFrom: number | null;
};

type QueueState = {
  items: QueuedDownload[];
  add: (client: ContractClient, cluster: string, path: string) => void;
  pause: (id: number) => void;
  resume: (client: ContractClient, id: number) => void;
  remove: (id: number) => void;
  progress: (cluster: string, path: string, transferred: number, total: number, bytesPerSecond: number) => void;
};

let nextId = 1;
/** The call under way, so Pause can stop it (the partial copy stays for Resume). */
const running = new Map<number, AbortController>();

/**
 * Downloads one after another, in the order asked: a queue, so ten folders picked at once do not
 * split the link ten ways. Pause stops the one under way; Resume puts it back in the queue to
 * continue from what arrived; a failure (a cut connection) keeps its partial copy the same way.
 */
export const useDownloadQueue = create<QueueState>()((set, get) => {
  const update = (id: number, change: Partial<QueuedDownload>) => set((state) => ({ items: state.items.map((item) => (item.id === id ? { ...item, ...change } : item)) }));

  const pump = (client: ContractClient) => {
    if (get().items.some((item) => item.status === 'running')) return;
    const next = get().items.find((item) => item.status === 'queued');
    if (!next) return;
    const controller = new AbortController();
    running.set(next.id, controller);
    update(next.id, { status: 'running', message: null });
    client.call('files.download', { cluster: next.cluster, path: next.path, resume: next.resume }, { signal: controller.signal }).then(
      (outcome) => {
        const skipped = outcome.skipped.length > 0 ? `; ${outcome.skipped.length} left out (${outcome.skipped[0]!.path}: ${outcome.skipped[0]!.reason}${outcome.skipped.length > 1 ? ', …' : ''})` : '';
        update(next.id, { status: 'done', transferred: outcome.bytes, total: outcome.bytes, message: `Saved ${outcome.files} ${outcome.files === 1 ? 'file' : 'files'} to ${outcome.localPath}${skipped}` });
      },
      (error: unknown) => {
        reportIfDisconnected(error);
        const paused = controller.signal.aborted;
        update(next.id, { status: paused ? 'paused' : 'failed', resume: true, message: paused ? 'Paused: what arrived is kept.' : error instanceof Error ? error.message : 'The download failed.' });
      },
    ).finally(() => {
      running.delete(next.id);
      pump(client);
    });
  };

  return {
    items: [],
    add: (client, cluster, path) => {
      set((state) => ({ items: [...state.items, { id: nextId++, cluster, path, status: 'queued', resume: false, transferred: 0, total: 0, bytesPerSecond: 0, message: null, resumedFrom: null }] }));
      pump(client);
    },
    pause: (id) => running.get(id)?.abort(),
    resume: (client, id) => {
      update(id, { status: 'queued', resume: true, resumedFrom: null });
      pump(client);
    },
    remove: (id) => {
      running.get(id)?.abort();
      set((state) => ({ items: state.items.filter((item) => item.id !== id) }));
    },
    progress: (cluster, path, transferred, total, bytesPerSecond) =>
      set((state) => ({
        items: state.items.map((item) => {
          if (item.status !== 'running' || item.cluster !== cluster || item.path !== path) return item;
          // The first report of a resumed download counts what was already here.
          const resumedFrom = item.resume && item.resumedFrom === null ? transferred : item.resumedFrom;
          return { ...item, transferred, total, bytesPerSecond, resumedFrom };
        }),
      })),
  };
});
