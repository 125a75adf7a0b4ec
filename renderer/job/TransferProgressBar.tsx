import { Label, ProgressBar } from 'react-aria-components';
import { formatBytes } from './formatBytes';
import type { TransferProgress } from './transfersStore';

/** One file's transfer: a labelled bar with bytes done and speed. */
export function TransferProgressBar({ progress, label }: { progress: TransferProgress; label: string }) {
  const percent = progress.total > 0 ? (progress.transferred / progress.total) * 100 : 0;
  const speed = progress.bytesPerSecond > 0 ? `, ${formatBytes(progress.bytesPerSecond)}/s` : '';
  return (
    <ProgressBar className="transfer-progress" value={percent} valueLabel={`${formatBytes(progress.transferred)} of ${formatBytes(progress.total)}${speed}`} data-testid="transfer-progress">
      {({ valueText }) => (
        <>
          <div className="transfer-progress-text">
            <Label className="transfer-progress-label">{label}</Label>
            <span className="form-hint">{valueText}</span>
          </div>
          <div className="transfer-progress-track">
            <div className="transfer-progress-fill" style={{ width: `${percent}%` }} />
          </div>
        </>
      )}
    </ProgressBar>
  );
}
