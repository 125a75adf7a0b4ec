import { AppError, ContractErrorCode } from '../../shared/errors';
import { useConnectionStore } from './connectionStore';

/**
 * The transports report a dropped link only through the calls that fail on it, so any feature
 * whose call fails passes the error here and the whole app learns the link is gone.
 */
export function reportIfDisconnected(error: unknown): void {
  if (error instanceof AppError && error.code === ContractErrorCode.disconnected) {
    useConnectionStore.getState().markDisconnected(error.message);
  }
}
