import { useEffect, useRef, useState } from 'react';
import { Button, Input, SearchField } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { terminalHandle } from './terminalHandles';
import { useTerminalStore, type TerminalTab } from './terminalStore';

/** One terminal's screen, with scrollback search and, once it ended, why and a way to open it again. */
export function TerminalPane({ client, tab, onClose }: { client: ContractClient; tab: TerminalTab; onClose: () => void }) {
  const host = useRef<HTMLDivElement>(null);
  const [query, setQuery] = useState('');
  const { id } = tab.info;

  useEffect(() => {
    const handle = terminalHandle(id);
    const parent = host.current;
    if (!handle || !parent) return;
    parent.appendChild(handle.container);
    if (!handle.opened) {
      handle.term.open(handle.container);
      handle.opened = true;
    }
    const fit = () => {
      if (parent.clientWidth > 0 && parent.clientHeight > 0) handle.fit.fit();
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(parent);
    handle.term.focus();
    return () => {
      observer.disconnect();
      handle.container.remove();
    };
  }, [id]);

  const find = (backwards: boolean) => {
    const search = terminalHandle(id)?.search;
    if (!search || !query) return;
    if (backwards) search.findPrevious(query);
    else search.findNext(query);
  };

  return (
    <div className="terminal-pane" data-testid="terminal-pane" data-terminal-id={id}>
      <div className="terminal-toolbar">
        <SearchField className="terminal-search" aria-label="Search the scrollback" value={query} onChange={setQuery} onSubmit={() => find(false)} data-testid="terminal-search">
          <Input className="form-input" placeholder="Search scrollback (Enter: next)" />
        </SearchField>
        <Button className="button button-small" onPress={() => find(true)} aria-label="Previous match">
          ↑
        </Button>
        <Button className="button button-small" onPress={() => find(false)} aria-label="Next match">
          ↓
        </Button>
        <span className="form-hint">Copy: Ctrl+Shift+C · Paste: Ctrl+Shift+V</span>
        <Button className="button button-small terminal-close" onPress={onClose} data-testid="terminal-tab-close">
          Close terminal
        </Button>
      </div>
      {tab.ended && (
        <div className={`terminal-ended terminal-ended-${tab.ended.kind}`} role="status" data-testid="terminal-ended">
          <span>{tab.ended.reason}</span>
          {tab.ended.kind !== 'job-ended' && (
            <Button className="button button-small" onPress={() => void useTerminalStore.getState().reopen(client, id)} data-testid="terminal-reopen">
              {tab.ended.kind === 'connection-lost' ? 'Reconnect' : 'Open again'}
            </Button>
          )}
        </div>
      )}
      <div className="terminal-host" ref={host} data-testid="terminal-host" />
    </div>
  );
}
