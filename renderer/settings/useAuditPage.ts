import { useEffect, useState } from 'react';
import type { ContractClient } from '../../shared/contract/client';
import type { Result } from '../../shared/contract';
import { reportIfDisconnected } from '../app/reportIfDisconnected';

export const auditPageSize = 25;

type AuditPage = Result<'audit.list'>;

/** One page of the audit log for the current filter; a newer request supersedes an older one. */
export function useAuditPage(client: ContractClient, filter: string, offset: number, refreshes: number) {
  const [page, setPage] = useState<AuditPage | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    const trimmed = filter.trim();
    client
      .call('audit.list', { offset, limit: auditPageSize, ...(trimmed === '' ? {} : { filter: trimmed }) })
      .then((result) => {
        if (!current) return;
        setPage(result);
        setProblem(null);
      })
      .catch((error: unknown) => {
        reportIfDisconnected(error);
        if (current) setProblem(error instanceof Error ? error.message : 'The audit log could not be read.');
      });
    return () => {
      current = false;
    };
  }, [client, filter, offset, refreshes]);
  return { page, problem };
}
