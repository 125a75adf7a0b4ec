import { AppFrame } from './AppFrame';
import { ConnectingScreen } from './ConnectingScreen';
import { ConnectionErrorScreen } from './ConnectionErrorScreen';
import { useConnectionStore } from './connectionStore';

/** Until main answers there is nothing to show but the connection; after that, the frame. */
export function App() {
  const status = useConnectionStore((state) => state.status);
  const client = useConnectionStore((state) => state.client);
  if (status === 'failed') return <ConnectionErrorScreen />;
  if (client) return <AppFrame client={client} />;
  return <ConnectingScreen />;
}
