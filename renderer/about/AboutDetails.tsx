import { Button } from 'react-aria-components';
import { BrandMark } from '../theme/BrandMark';
import { Icon } from '../theme/Icon';
import { AboutFact } from './AboutFact';
import { describePlatform, notInElectron, transportLabels } from './describeAppInfo';
import type { AppInfoState } from './useAppInfo';

/** The body of the About panel: loading, the details, or why they could not be fetched. */
export function AboutDetails({ state, onRetry }: { state: AppInfoState; onRetry: () => void }) {
  switch (state.status) {
    case 'loading':
      return (
        <p className="about-loading" role="status" data-testid="about-loading">
          <span className="about-spinner" aria-hidden="true" />
          Loading details…
        </p>
      );
    case 'failed':
      return (
        <div className="about-error" role="alert" data-testid="about-error">
          <Icon name="error" className="about-error-icon" />
          <div className="about-error-body">
            <p className="about-error-title">Couldn’t load the app’s details</p>
            <p>{state.message}</p>
            <Button className="button about-error-retry" onPress={onRetry}>
              Try again
            </Button>
          </div>
        </div>
      );
    case 'loaded': {
      const { info } = state;
      return (
        <>
          <div className="about-identity">
            <BrandMark size={44} />
            <div>
              <p className="about-name" data-testid="about-name">
                {info.name}
              </p>
              <p className="about-version-line">
                Version{' '}
                <span className="mono" data-testid="about-version">
                  {info.version}
                </span>
              </p>
            </div>
          </div>
          <dl className="about-facts">
            <AboutFact label="Platform" testId="about-platform" mono>
              {describePlatform(info.platform, info.arch)}
            </AboutFact>
            <AboutFact label="Node.js" testId="about-node" mono>
              {info.nodeVersion}
            </AboutFact>
            <AboutFact label="Electron" testId="about-electron" mono={info.electronVersion !== null} muted={info.electronVersion === null}>
              {info.electronVersion ?? notInElectron}
            </AboutFact>
            <AboutFact label="Data folder" testId="about-data-dir" mono>
              {info.dataDir}
            </AboutFact>
            <AboutFact label="Connection" testId="about-transport">
              {transportLabels[info.transport]}
            </AboutFact>
          </dl>
        </>
      );
    }
  }
}
