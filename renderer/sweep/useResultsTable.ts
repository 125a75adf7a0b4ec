import { useCallback, useEffect, useState } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import type { ResultsTable } from '../../shared/contract/resultsMethods';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import type { Loaded } from '../job/useJobRecord';

/** The results table of some jobs, read again when `version` changes (an array's tasks ending) or on reload. */
export function useResultsTable(client: ContractClient, ids: readonly string[], version: string): { table: Loaded<ResultsTable>; reload: () => void } {
  const key = `${ids.join(',')}|${version}`;
  const [loaded, setLoaded] = useState<{ key: string; state: Loaded<ResultsTable> } | null>(null);
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    let live = true;
    client.call('results.table', { ids: key.split('|')[0]!.split(',') }).then(
      (value) => live && setLoaded({ key, state: { status: 'ready', value } }),
      (error: unknown) => {
        reportIfDisconnected(error);
        if (live) setLoaded({ key, state: { status: 'failed', message: error instanceof Error ? error.message : 'The results could not be read.' } });
      },
    );
    return () => {
      live = false;
    };
  }, [client, key, reloads]);
  const reload = useCallback(() => setReloads((count) => count + 1), []);
  // Keep showing the previous table while a newer one is read: the rows do not flash away.
  return { table: loaded?.state ?? { status: 'loading' }, reload };
}
