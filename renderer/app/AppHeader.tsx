import type { TransportKind } from '../../shared/app/appInfo';
import { BrandMark } from '../theme/BrandMark';
import { ConnectionIndicator } from './ConnectionIndicator';

export function AppHeader({ transport }: { transport: TransportKind }) {
  return (
    <header className="app-header">
      <div className="app-brand">
        <BrandMark />
        <span className="app-brand-name">Slurm Desk</span>
      </div>
      <ConnectionIndicator transport={transport} />
    </header>
  );
}
