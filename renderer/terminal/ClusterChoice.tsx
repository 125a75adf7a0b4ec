import type { ContractClient } from '../../shared/contract/client';
import { useClusterChoices } from '../submit/useClusterChoices';
import { ChoiceSelect } from './ChoiceSelect';

/** Which cluster a terminal, web app or forward is for: the built-in ones and the saved profiles. */
export function ClusterChoice({ client, value, onChange, testId }: { client: ContractClient; value: string; onChange: (cluster: string) => void; testId: string }) {
  const { choices } = useClusterChoices(client);
  return <ChoiceSelect label="Cluster" value={value} choices={choices} onChange={onChange} testId={testId} />;
}
