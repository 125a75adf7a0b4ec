import { useEffect } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { useNoticeStore } from './noticeStore';

/**
 * Feeds `app.notice` pushes from main into the notice store for as long as the frame is shown,
 * after the notices main raised before this window listened (found while the app started).
 */
export function useNoticeSubscription(client: ContractClient): void {
  const add = useNoticeStore((state) => state.add);
  useEffect(() => {
    const stop = client.on('app.notice', add);
    client.call('app.notices', {}).then(({ notices }) => notices.forEach(add), reportIfDisconnected);
    return stop;
  }, [client, add]);
}
