import type { MethodName, Params, Result } from '../../shared/contract';
import { Dispatcher } from '../../shared/contract/dispatcher';
import { rebuildError } from '../../shared/errors';
import type { CommandContext } from './commands';

/** The CLI goes through the contract's own handlers, so it validates exactly as the app does. */
export async function call<M extends MethodName>(context: CommandContext, method: M, params: Params<M>): Promise<Result<M>> {
  const outcome = await new Dispatcher(context.services.handlers).dispatch(method, params, { signal: new AbortController().signal, transport: 'memory' });
  if (!outcome.ok) throw rebuildError(outcome.error);
  return outcome.result as Result<M>;
}
