import { useState } from 'react';
import { Label, Radio, RadioGroup, Text } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { type HostKeyPolicyName, HostKeyPolicySchema } from '../../shared/clusters/clusterProfile';
import { hostKeyPolicyText } from '../clusters/HostKeyPolicySelect';
import { saveSettings } from './saveSettings';

const order: HostKeyPolicyName[] = ['ask', 'auto', 'warn', 'reject'];

/** The policy a new cluster starts with; saved as soon as it is chosen. */
export function HostKeyPolicyChoice({ client, policy }: { client: ContractClient; policy: HostKeyPolicyName }) {
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <RadioGroup
      className="form-field policy-choice"
      value={policy}
      onChange={(value) => {
        const parsed = HostKeyPolicySchema.safeParse(value);
        if (!parsed.success) return;
        void saveSettings(client, { defaultHostKeyPolicy: parsed.data }).then((outcome) => setProblem(outcome.ok ? null : outcome.message));
      }}
      isInvalid={problem !== null}
      data-testid="default-host-key-policy"
    >
      <Label className="form-label">Unknown host keys, for new clusters</Label>
      <div className="policy-options">
        {order.map((id) => (
          <Radio key={id} value={id} className="policy-radio" data-testid={`policy-${id}`}>
            <span className="policy-radio-mark" aria-hidden="true" />
            <span className="policy-radio-text">
              <span className="policy-radio-label">{hostKeyPolicyText[id].label}</span>
              <span className="policy-radio-explanation">{hostKeyPolicyText[id].explanation}</span>
            </span>
          </Radio>
        ))}
      </div>
      <Text slot="description" className="form-hint">
        A key that changed since it was saved, or one marked @revoked, is refused under every policy, before any password or key is
        sent. Each cluster can override this choice.
      </Text>
      {problem && <p className="form-error" role="alert">{problem}</p>}
    </RadioGroup>
  );
}
