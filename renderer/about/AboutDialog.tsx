import { Button, Dialog, Heading } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { Icon } from '../theme/Icon';
import { AboutDetails } from './AboutDetails';
import { RevealLogButton } from './RevealLogButton';
import { useAppInfo } from './useAppInfo';

export function AboutDialog({ client }: { client: ContractClient }) {
  const { state, retry } = useAppInfo(client);
  return (
    <Dialog className="dialog about-dialog" data-testid="about-dialog">
      {({ close }) => (
        <>
          <div className="dialog-header">
            <Heading slot="title" className="dialog-title">
              About Slurm Desk
            </Heading>
            <Button className="icon-button" aria-label="Close" onPress={close}>
              <Icon name="close" />
            </Button>
          </div>
          <div className="dialog-body">
            <AboutDetails state={state} onRetry={retry} />
          </div>
          <div className="dialog-footer">
            <RevealLogButton client={client} />
            <Button className="button" onPress={close}>
              Close
            </Button>
          </div>
        </>
      )}
    </Dialog>
  );
}
