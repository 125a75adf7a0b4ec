import { BrandMark } from '../theme/BrandMark';
import './connectionScreens.css';

export function ConnectingScreen() {
  return (
    <div className="connection-screen" data-testid="connecting">
      <div className="connecting" role="status">
        <BrandMark size={40} />
        <p className="connecting-text">
          <span className="connecting-spinner" aria-hidden="true" />
          Connecting to Slurm Desk…
        </p>
      </div>
    </div>
  );
}
