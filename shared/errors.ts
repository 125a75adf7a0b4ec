/**
 * Errors that cross a process boundary. Every failure the person may see is an AppError with a
 * stable `code`; it travels as `{name, code, message, details}` and is rebuilt on the other side,
 * so the renderer can branch on `code` without parsing messages. Stacks never travel.
 */
export type SerializedError = {
  name: string;
  code: string;
  message: string;
  details?: ErrorDetail[];
};

/** A field-level problem: where (a path into the payload) and what is wrong there. */
export type ErrorDetail = { path: string; message: string };

export class AppError extends Error {
  override name = 'AppError';
  readonly code: string;
  readonly details: ErrorDetail[] | undefined;

  constructor(code: string, message: string, details?: ErrorDetail[]) {
    super(message);
    this.code = code;
    this.details = details;
  }

  toJSON(): SerializedError {
    return serializeError(this);
  }
}

/** Codes the contract layer itself produces; services add their own. */
export const ContractErrorCode = {
  invalidParams: 'invalid-params',
  invalidResult: 'invalid-result',
  unknownMethod: 'unknown-method',
  malformedFrame: 'malformed-frame',
  frameTooLarge: 'frame-too-large',
  unauthorized: 'unauthorized',
  cancelled: 'cancelled',
  disconnected: 'disconnected',
  internal: 'internal',
} as const;

export class ContractError extends AppError {
  override name = 'ContractError';
}

export function serializeError(error: AppError): SerializedError {
  const out: SerializedError = { name: error.name, code: error.code, message: error.message };
  if (error.details && error.details.length > 0) out.details = error.details;
  return out;
}

/** Rebuilds a received error; unknown names come back as AppError with the name preserved. */
export function rebuildError(wire: SerializedError): AppError {
  const error =
    wire.name === 'ContractError'
      ? new ContractError(wire.code, wire.message, wire.details)
      : new AppError(wire.code, wire.message, wire.details);
  error.name = wire.name;
  return error;
}
