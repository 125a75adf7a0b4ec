import { Button } from 'react-aria-components';
import { Icon } from '../theme/Icon';
import { useConnectionStore } from './connectionStore';

/** Shown over the views when a call found the link to the app gone; offers to reconnect. */
export function ConnectionLostBanner() {
  const status = useConnectionStore((state) => state.status);
  const message = useConnectionStore((state) => state.errorMessage);
  const connect = useConnectionStore((state) => state.connect);
  if (status !== 'disconnected') return null;
  return (
    <div className="banner" data-level="error" role="alert" data-testid="connection-lost">
      <Icon name="plug" className="banner-icon" />
      <div className="banner-body">
        <p className="banner-title">Lost the connection to Slurm Desk</p>
        {message && <p className="banner-message">{message}</p>}
      </div>
      <Button className="button" onPress={() => void connect()}>
        Reconnect
      </Button>
    </div>
  );
}
