import { Button, FieldError, Label, ListBox, ListBoxItem, Popover, Select, SelectValue, Text } from 'react-aria-components';
import { type HostKeyPolicyName, HostKeyPolicySchema } from '../../shared/clusters/clusterProfile';
import { useClusterFormStore } from './clusterFormStore';

/** What each policy does with a host key that is not yet in known_hosts; a changed key always stops. */
export const hostKeyPolicyText: Record<HostKeyPolicyName, { label: string; explanation: string }> = {
  ask: { label: 'Ask me', explanation: 'Show the fingerprint of an unknown key and wait for you to trust it.' },
  auto: { label: 'Trust on first use', explanation: 'Save an unknown key without asking; a changed key still stops.' },
  warn: { label: 'Connect and warn', explanation: 'Connect to an unknown key once, with a warning, without saving it.' },
  reject: { label: 'Known keys only', explanation: 'Refuse any key not already in known_hosts.' },
};

const order: HostKeyPolicyName[] = ['ask', 'auto', 'warn', 'reject'];

export function HostKeyPolicySelect({ error }: { error: string | undefined }) {
  const policy = useClusterFormStore((state) => state.fields.hostKeyPolicy);
  const setPolicy = useClusterFormStore((state) => state.setPolicy);
  return (
    <Select
      className="form-field"
      value={policy}
      onChange={(key) => {
        const parsed = HostKeyPolicySchema.safeParse(key);
        if (parsed.success) setPolicy(parsed.data);
      }}
      isInvalid={error !== undefined}
      data-testid="field-hostKeyPolicy"
    >
      <Label className="form-label">Unknown host keys</Label>
      <Button className="form-input select-button">
        <SelectValue>{({ selectedText }) => selectedText}</SelectValue>
        <span className="select-chevron" aria-hidden="true">
          ▾
        </span>
      </Button>
      <Text slot="description" className="form-hint" data-testid="host-key-policy-explanation">
        {hostKeyPolicyText[policy].explanation}
      </Text>
      <FieldError className="form-error">{error}</FieldError>
      <Popover className="select-popover">
        <ListBox className="select-list">
          {order.map((id) => (
            <ListBoxItem key={id} id={id} className="select-option policy-option" textValue={hostKeyPolicyText[id].label}>
              <span className="policy-option-label">{hostKeyPolicyText[id].label}</span>
              <span className="policy-option-explanation">{hostKeyPolicyText[id].explanation}</span>
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}
