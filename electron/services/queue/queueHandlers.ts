import type { Handlers } from '../../../shared/contract/dispatcher';
import { AppError } from '../../../shared/errors';

type QueueMethod = Extract<keyof Handlers, `queue.${string}`>;

/** Placeholder wiring until the queue service answers: every queue method says it is not ready. */
export function createQueueHandlers(): Pick<Handlers, QueueMethod> {
  const notYet = () => {
    throw new AppError('not-available', 'The queue view is not available in this build.');
  };
  return {
    'queue.watch': notYet,
    'queue.list': notYet,
    'queue.job': notYet,
    'queue.logs': notYet,
    'queue.control': notYet,
    'queue.update': notYet,
    'queue.efficiency': notYet,
    'queue.nodes': notYet,
    'queue.reservations': notYet,
    'queue.priority': notYet,
    'queue.partition': notYet,
  };
}
