import { Button } from 'react-aria-components';
import { Icon } from '../theme/Icon';
import { useConnectionStore } from './connectionStore';
import './connectionScreens.css';

/** The whole window when the app could not be reached: what happened, and what to do about it. */
export function ConnectionErrorScreen() {
  const message = useConnectionStore((state) => state.errorMessage);
  const connect = useConnectionStore((state) => state.connect);
  return (
    <main className="connection-screen" data-testid="connection-error">
      <section className="connection-card" aria-labelledby="connection-error-title">
        <span className="connection-card-icon">
          <Icon name="plug" />
        </span>
        <h1 id="connection-error-title" className="connection-card-title">
          Slurm Desk couldn’t connect
        </h1>
        {message && (
          <p className="connection-card-message" data-testid="connection-error-message">
            {message}
          </p>
        )}
        <h2 className="connection-card-subtitle">What you can do</h2>
        <ol className="connection-card-steps">
          <li>Check that Slurm Desk is still running, in its window or in the terminal you started it from.</li>
          <li>
            In browser mode, open the launch page Slurm Desk printed when it started (a <code>file://</code> address), or
            paste the one-time address it printed, in this browser. Each works once; the launch page is written afresh after
            every use.
          </li>
          <li>Then choose Try again.</li>
        </ol>
        <div className="connection-card-actions">
          <Button className="button button-primary" onPress={() => void connect()} autoFocus>
            Try again
          </Button>
        </div>
      </section>
    </main>
  );
}
