/**
 * The one error type that crosses a boundary. A use case throws a DomainError with a
 * code; each transport maps the code exactly once (Kafka reply envelope, GraphQL
 * extensions.code). Anything that is not a DomainError is an internal fault and is
 * never shown to a caller in detail.
 */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** The input field at fault, as the caller named it (e.g. `input.name`). */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static badInput(field: string, message: string): DomainError {
    return new DomainError('BAD_USER_INPUT', message, field);
  }
  static forbidden(message = 'You are not allowed to do this.'): DomainError {
    return new DomainError('FORBIDDEN', message);
  }
  static notFound(what: string, id: string): DomainError {
    return new DomainError('NOT_FOUND', `${what} ${id} was not found.`);
  }
  static conflict(message: string, field?: string): DomainError {
    return new DomainError('CONFLICT', message, field);
  }
  static unauthenticated(message = 'A valid access token is required.'): DomainError {
    return new DomainError('UNAUTHENTICATED', message);
  }
  static unavailable(message: string): DomainError {
    return new DomainError('SERVICE_UNAVAILABLE', message);
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** Makes a switch over a union exhaustive: a new member that is not handled fails to compile. */
export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
