import { Button, DialogTrigger, Modal, ModalOverlay } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { Icon } from '../theme/Icon';
import { AboutDialog } from './AboutDialog';
import { useAboutStore } from './aboutStore';
import './about.css';

/** Opens the About panel; the panel asks main for its details each time it opens. */
export function AboutButton({ client }: { client: ContractClient }) {
  const open = useAboutStore((state) => state.open);
  const setOpen = useAboutStore((state) => state.setOpen);
  return (
    <DialogTrigger isOpen={open} onOpenChange={setOpen}>
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
