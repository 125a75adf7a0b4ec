import { useState } from 'react';
import { Button, Input, Label, SearchField } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { describeAuditEntry } from './describeAuditEntry';
import { auditPageSize, useAuditPage } from './useAuditPage';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

function shownTime(at: string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : timeFormat.format(date);
}

/** Security events, newest first, a page at a time: connections, host keys, sign-ins, jobs. */
export function AuditLogSection({ client }: { client: ContractClient }) {
  const [filter, setFilter] = useState('');
  const [offset, setOffset] = useState(0);
  const [refreshes, setRefreshes] = useState(0);
  const { page, problem } = useAuditPage(client, filter, offset, refreshes);
  const total = page?.total ?? 0;
  const entries = page?.entries ?? [];

  return (
    <div className="settings-stack">
      <div className="audit-toolbar">
        <SearchField
          className="form-field audit-filter"
          value={filter}
          onChange={(value) => {
            setFilter(value);
            setOffset(0);
          }}
          data-testid="audit-filter"
        >
          <Label className="form-label">Filter</Label>
          <Input className="form-input" placeholder="host, cluster, job id…" />
        </SearchField>
        <Button className="button" onPress={() => setRefreshes((count) => count + 1)} data-testid="audit-refresh">
          Refresh
        </Button>
      </div>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      {page && total === 0 && (
        <p className="settings-empty" data-testid="audit-empty">
          {filter.trim() === '' ? 'Nothing recorded yet.' : 'No entry contains that text.'}
        </p>
      )}
      {entries.length > 0 && (
        <div className="settings-table-wrap">
          <table className="settings-table audit-table" data-testid="audit-table">
            <caption className="visually-hidden">Audit log, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Event</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => {
                const { title, detail } = describeAuditEntry(entry);
                return (
                  <tr key={entry.line} data-testid="audit-row" data-event={entry.event}>
                    <td className="audit-time">
                      <time dateTime={entry.at}>{shownTime(entry.at)}</time>
                    </td>
                    <td className="audit-event">{title}</td>
                    <td className="mono audit-detail">{detail}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {page && total > 0 && (
        <div className="audit-pager">
          <span className="form-hint" data-testid="audit-range">
            {offset + 1}–{offset + entries.length} of {total}
            {page.skippedLines > 0 ? ` (${page.skippedLines} unreadable ${page.skippedLines === 1 ? 'line' : 'lines'} skipped)` : ''}
          </span>
          <Button className="button button-small" isDisabled={offset === 0} onPress={() => setOffset(Math.max(0, offset - auditPageSize))} data-testid="audit-newer">
            Newer
          </Button>
          <Button className="button button-small" isDisabled={offset + auditPageSize >= total} onPress={() => setOffset(offset + auditPageSize)} data-testid="audit-older">
            Older
          </Button>
        </div>
      )}
    </div>
  );
}
