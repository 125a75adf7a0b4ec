import type { ContractClient } from '../../shared/contract/client';
import { TerminalPane } from './TerminalPane';
import { useTerminalStore } from './terminalStore';

/** The open terminals as tabs; only the chosen one is on screen, the others keep their state. */
export function TerminalTabs({ client }: { client: ContractClient }) {
  const tabs = useTerminalStore((state) => state.tabs);
  const active = useTerminalStore((state) => state.active);
  const select = useTerminalStore((state) => state.select);
  const close = useTerminalStore((state) => state.close);
  if (tabs.length === 0) return <p className="form-hint">No terminal is open.</p>;
  const shown = tabs.find((tab) => tab.info.id === active) ?? tabs[0]!;
  return (
    <div className="terminal-tabs">
      <div role="tablist" aria-label="Terminals" className="terminal-tablist">
        {tabs.map((tab) => (
          <button
            key={tab.info.id}
            type="button"
            role="tab"
            className={`terminal-tab${tab.info.id === shown.info.id ? ' terminal-tab-active' : ''}`}
            onClick={() => select(tab.info.id)}
            aria-selected={tab.info.id === shown.info.id}
            aria-controls="terminal-panel"
            data-testid="terminal-tab"
          >
            {tab.ended ? '◌ ' : ''}
            {tab.info.title}
          </button>
        ))}
      </div>
      <div id="terminal-panel" role="tabpanel" className="terminal-panel">
        <TerminalPane key={shown.info.id} client={client} tab={shown} onClose={() => close(client, shown.info.id)} />
      </div>
    </div>
  );
}
