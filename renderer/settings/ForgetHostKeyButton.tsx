import type { ContractClient } from '../../shared/contract/client';
import { ConfirmActionButton } from '../app/ConfirmActionButton';
import { formatHostPort, type HostPort } from './knownHostNames';

/** The risk in one sentence each: what forgetting removes and what the next connection does. */
export function ForgetHostKeyButton({ client, target, onForgotten }: { client: ContractClient; target: HostPort; onForgotten: (message: string) => void }) {
  const name = formatHostPort(target);
  return (
    <ConfirmActionButton
      trigger={{ label: 'Forget…', className: 'button button-small button-danger', ariaLabel: `Forget the host key of ${name}`, testId: `forget-host-${name}` }}
      title={`Forget the key of ${name}?`}
      body={<ForgetRisk name={name} />}
      keepLabel="Keep the key"
      confirmLabel="Forget"
      testIds={{ dialog: 'forget-host-dialog', confirm: 'confirm-forget-host' }}
      failureMessage={`The key of ${name} could not be forgotten.`}
      onConfirm={async () => {
        const outcome = await client.call('hostKeys.forget', target);
        onForgotten(describeForget(name, outcome));
      }}
    />
  );
}

export function ForgetRisk({ name }: { name: string }) {
  return (
    <div className="dialog-paragraphs">
      <p>
        Its lines are removed from ~/.ssh/known_hosts (the same as <span className="mono">ssh-keygen -R</span>). The next connection to {name}{' '}
        will see an unknown key, and you will have to check its fingerprint again.
      </p>
      <p>
        Forget a key only when you know the server&apos;s key really changed (your site announced it). If the key changed unexpectedly,
        someone may be intercepting the connection: ask your site before you trust a new key.
      </p>
    </div>
  );
}

export function describeForget(name: string, outcome: { removed: number; stillMatching: string[] }): string {
  const removed = outcome.removed === 0 ? `No line named ${name}.` : `Forgot ${outcome.removed} ${outcome.removed === 1 ? 'line' : 'lines'} for ${name}.`;
  const still = outcome.stillMatching.length > 0 ? ` Wildcard lines still match it: ${outcome.stillMatching.join('; ')}.` : '';
  return removed + still;
}
