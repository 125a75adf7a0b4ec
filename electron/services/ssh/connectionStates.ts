import type { ClusterConnection, ConnectionState, HostKeyProblem } from '../../../shared/contract/connectionMethods';
import { AppError } from '../../../shared/errors';
import { hostPortLabel } from './hostKeys/hostPatterns';
import { HostKeyRefusedError } from './hostKeys/hostKeyRefusal';

type StateFacts = { message?: string | null; hostKeyProblem?: HostKeyProblem | null };

/**
 * The connection state of each saved cluster, as the windows show it. SSH connections report
 * here; every change is pushed as a `clusters.connection` event, so a list of clusters never polls.
 */
export class ConnectionStates {
  private readonly states = new Map<string, ClusterConnection>();

  constructor(private readonly emit: (connection: ClusterConnection) => void) {}

  get(name: string): ClusterConnection {
    return this.states.get(name) ?? { name, state: 'disconnected', message: null, hostKeyProblem: null, since: new Date().toISOString() };
  }

  set(name: string, state: ConnectionState, facts: StateFacts = {}): ClusterConnection {
    const previous = this.states.get(name);
    const message = facts.message ?? null;
    const hostKeyProblem = facts.hostKeyProblem ?? null;
    if (previous && previous.state === state && previous.message === message && previous.hostKeyProblem === hostKeyProblem) return previous;
    const next = { name, state, message, hostKeyProblem, since: new Date().toISOString() };
    this.states.set(name, next);
    this.emit(next);
    return next;
  }

  failed(name: string, error: unknown): ClusterConnection {
    const { state, ...facts } = stateOfFailure(error);
    return this.set(name, state, facts);
  }

  /** A profile was removed or edited: its state starts afresh. */
  forget(name: string): void {
    this.states.delete(name);
  }
}

/** Which state a failed connection is in: the person acts differently on each. */
export function stateOfFailure(error: unknown): { state: ConnectionState } & StateFacts {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof HostKeyRefusedError) {
    const { problem } = error;
    return { state: 'host-key-refused', message, hostKeyProblem: { ...problem, hopLabel: hostPortLabel(problem.host, problem.port), explanation: message } };
  }
  const code = error instanceof AppError ? error.code : '';
  if (code.startsWith('host-key')) return { state: 'host-key-refused', message };
  if (code === 'auth-failed') return { state: 'sign-in-failed', message };
  return { state: 'unreachable', message };
}
