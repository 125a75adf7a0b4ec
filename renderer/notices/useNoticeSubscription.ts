import { useEffect } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import { useNoticeStore } from './noticeStore';

/** Feeds `app.notice` pushes from main into the notice store for as long as the frame is shown. */
export function useNoticeSubscription(client: ContractClient): void {
  const add = useNoticeStore((state) => state.add);
  useEffect(() => client.on('app.notice', add), [client, add]);
}
