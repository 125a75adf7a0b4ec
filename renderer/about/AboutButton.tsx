import { Button, DialogTrigger, Modal, ModalOverlay } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { Icon } from '../theme/Icon';
import { AboutDialog } from './AboutDialog';
import './about.css';

/** Opens the About panel; the panel asks main for its details each time it opens. */
export function AboutButton({ client }: { client: ContractClient }) {
  return (
    <DialogTrigger>
      <Button className="sidebar-button" data-testid="open-about">
        <Icon name="info" />
        <span>About Slurm Desk</span>
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <AboutDialog client={client} />
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
