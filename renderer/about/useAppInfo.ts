import { useCallback, useEffect, useState } from 'react';
import type { AppInfo } from '../../shared/app/appInfo';
import type { ContractClient } from '../../shared/contract/client';
import { reportIfDisconnected } from '../app/reportIfDisconnected';

export type AppInfoState =
  | { status: 'loading' }
  | { status: 'loaded'; info: AppInfo }
  | { status: 'failed'; message: string };

/**
 * Asks main for `app.info` while the caller is mounted (the About panel), cancelling the call if
 * the panel closes first. `retry` asks again after a failure.
 */
export function useAppInfo(client: ContractClient): { state: AppInfoState; retry: () => void } {
  const [state, setState] = useState<AppInfoState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    client.call('app.info', {}, { signal: controller.signal }).then(
      (info) => {
        if (!controller.signal.aborted) setState({ status: 'loaded', info });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        reportIfDisconnected(error);
        const message = error instanceof Error && error.message ? error.message : 'The app gave no reason.';
        setState({ status: 'failed', message });
      },
    );
    return () => {
      controller.abort();
    };
  }, [client, attempt]);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((previous) => previous + 1);
  }, []);

  return { state, retry };
}
