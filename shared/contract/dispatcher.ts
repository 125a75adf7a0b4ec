import type { TransportKind } from '../app/appInfo';
import type { Caller } from './caller';
import { AppError, ContractError, ContractErrorCode, serializeError } from '../errors';
import { isMethodName, methods, type MethodName, type ParsedParams, type Result } from './index';
import { fieldErrors, type FieldError } from './fieldErrors';
import type { WireResult } from './frames';

export type CallContext = {
  /** Aborted when the caller cancels or disconnects. */
  signal: AbortSignal;
  transport: TransportKind;
  /** The window that called; absent for in-process callers (the CLI), who own nothing long-lived. */
  caller?: Caller;
};

export type Handler<M extends MethodName> = (
  params: ParsedParams<M>,
  context: CallContext,
) => Promise<Result<M>> | Result<M>;

export type Handlers = { [M in MethodName]: Handler<M> };

export type DispatcherOptions = {
  /** Told about failures that are bugs (a handler threw a non-AppError, a result broke its schema). */
  onInternalError?: (method: string, error: unknown) => void;
};

/**
 * The single entry point for every request, whatever the transport: the method must exist, the
 * params must match its schema, the handler's reply must match its result schema. It never
 * throws; every outcome is a WireResult.
 */
export class Dispatcher {
  constructor(
    private readonly handlers: Handlers,
    private readonly options: DispatcherOptions = {},
  ) {}

  async dispatch(method: unknown, params: unknown, context: CallContext): Promise<WireResult> {
    if (!isMethodName(method)) {
      const shown = typeof method === 'string' ? JSON.stringify(method.slice(0, 128)) : typeof method;
      return failure(new ContractError(ContractErrorCode.unknownMethod, `Unknown method ${shown}.`));
    }
    const spec = methods[method];
    const parsed = spec.params.safeParse(params);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error.issues, spec.params);
      return failure(
        new ContractError(
          ContractErrorCode.invalidParams,
          `Invalid parameters for ${method}: ${summarize(errors)}`,
          errors.slice(0, 20).map(({ field, message }) => ({ path: field, message })),
        ),
      );
    }
    if (context.signal.aborted) return failure(cancelled(method));
    try {
      const handler = this.handlers[method] as Handler<typeof method>;
      const value = await handler(parsed.data as ParsedParams<typeof method>, context);
      if (context.signal.aborted) return failure(cancelled(method));
      const checked = spec.result.safeParse(value);
      if (!checked.success) {
        this.options.onInternalError?.(method, checked.error);
        return failure(
          new ContractError(ContractErrorCode.invalidResult, `The app produced an invalid reply to ${method}.`),
        );
      }
      return { ok: true, result: checked.data };
    } catch (error) {
      if (error instanceof AppError) return failure(error);
      if (context.signal.aborted) return failure(cancelled(method));
      this.options.onInternalError?.(method, error);
      // Unknown errors may carry paths or secrets in their text: the caller gets a generic message.
      return failure(
        new ContractError(ContractErrorCode.internal, `${method} failed unexpectedly; the app log has the details.`),
      );
    }
  }
}

function failure(error: AppError): WireResult {
  return { ok: false, error: serializeError(error) };
}

function cancelled(method: string): ContractError {
  return new ContractError(ContractErrorCode.cancelled, `${method} was cancelled.`);
}

function summarize(errors: readonly FieldError[]): string {
  const shown = errors.slice(0, 3).map((error) => `${error.field}: ${error.message}`);
  const more = errors.length > 3 ? ` (and ${errors.length - 3} more)` : '';
  return shown.join('; ') + more;
}
