import type { ContractClient } from '../../shared/contract/client';
import { ConfirmActionButton } from '../app/ConfirmActionButton';
import { useClustersStore } from './clustersStore';

/** Removing forgets the profile only: jobs already run there and known host keys stay. */
export function RemoveClusterButton({ client, name }: { client: ContractClient; name: string }) {
  return (
    <ConfirmActionButton
      trigger={{ label: 'Remove…', className: 'button button-small button-danger', ariaLabel: `Remove ${name}`, testId: `remove-cluster-${name}` }}
      title={`Remove ${name}?`}
      body={<p>The profile is deleted. Jobs already run on {name} stay in the list, and its host keys stay in known_hosts.</p>}
      keepLabel="Keep"
      confirmLabel="Remove"
      testIds={{ dialog: 'remove-cluster-dialog', confirm: 'confirm-remove-cluster' }}
      failureMessage={`${name} could not be removed.`}
      onConfirm={async () => {
        await client.call('clusters.remove', { name });
        useClustersStore.getState().forget(name);
      }}
    />
  );
}
