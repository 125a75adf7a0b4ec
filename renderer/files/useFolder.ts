import { useCallback, useEffect, useState } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import type { Result } from '../../shared/contract/index';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import type { Loaded } from '../job/useJobRecord';

export type Folder = Result<'files.list'>;

/** One folder of a cluster, read when shown and again on reload. */
export function useFolder(client: ContractClient, cluster: string, path: string | null): { folder: Loaded<Folder> | null; reload: () => void } {
  const [loaded, setLoaded] = useState<{ key: string; state: Loaded<Folder> } | null>(null);
  const [reloads, setReloads] = useState(0);
  const key = `${cluster}\0${path}\0${reloads}`;
  useEffect(() => {
    if (path === null) return;
    let live = true;
    client.call('files.list', { cluster, path }).then(
      (value) => live && setLoaded({ key, state: { status: 'ready', value } }),
      (error: unknown) => {
        reportIfDisconnected(error);
        if (live) setLoaded({ key, state: { status: 'failed', message: error instanceof Error ? error.message : 'The folder could not be read.' } });
      },
    );
    return () => {
      live = false;
    };
  }, [client, cluster, path, key]);
  const reload = useCallback(() => setReloads((count) => count + 1), []);
  if (path === null) return { folder: null, reload };
  return { folder: loaded?.key === key ? loaded.state : { status: 'loading' }, reload };
}
