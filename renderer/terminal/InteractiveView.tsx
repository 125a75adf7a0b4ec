import { ForwardsPanel } from '../forwards/ForwardsPanel';
import { WebAppsPanel } from '../forwards/WebAppsPanel';
import { useConnectionStore } from '../app/connectionStore';
import { OpenTerminalForm } from './OpenTerminalForm';
import { TerminalTabs } from './TerminalTabs';
import './terminal.css';

/** Interactive work: terminals on a cluster or inside a job, web apps started as jobs, port forwards. */
export function InteractiveView() {
  const client = useConnectionStore((state) => state.client);
  if (!client) return null;
  return (
    <div className="interactive-view" data-testid="interactive-view">
      <section className="interactive-section" aria-labelledby="terminals-title">
        <h2 id="terminals-title">Terminals</h2>
        <OpenTerminalForm client={client} />
        <TerminalTabs client={client} />
      </section>
      <WebAppsPanel client={client} />
      <ForwardsPanel client={client} />
    </div>
  );
}
