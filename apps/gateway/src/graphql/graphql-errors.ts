/**
 * The public error contract of the GraphQL API, in one place. Every error leaves with
 * `extensions.code` (and `extensions.field` when an input field is at fault):
 *
 * - a DomainError keeps its message and maps its code in the one exhaustive switch below;
 * - errors GraphQL itself raises before execution (parse, validation, variable coercion,
 *   CSRF, the query limits) keep Apollo's code and message: they describe the query;
 * - anything else is an internal fault and becomes "Internal error", so no stack trace,
 *   SQL, host name or message from a library ever reaches a client.
 *
 * Both transports use it: Apollo's `formatError` (HTTP) and the graphql-ws hooks.
 */
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { assertUnreachable, isDomainError, type ErrorCode } from '@cpx/platform';

export type PublicErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR'
  | RequestLimitCode;

/**
 * The gateway's own limits on one caller's work (limits/): too many requests in a while
 * (RATE_LIMITED, with the seconds to wait), or one operation asking services more than
 * allowed (TOO_MANY_ROUND_TRIPS).
 */
export type RequestLimitCode = 'RATE_LIMITED' | 'TOO_MANY_ROUND_TRIPS';

export class RequestLimitError extends Error {
  constructor(
    readonly code: RequestLimitCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'RequestLimitError';
  }

  /** The error as a client sees it, in a GraphQL response's `errors`. */
  toFormatted(): GraphQLFormattedError {
    return { message: this.message, extensions: this.extensions() };
  }

  extensions(): Record<string, unknown> {
    return { code: this.code, ...(this.retryAfterSeconds !== undefined ? { retryAfterSeconds: this.retryAfterSeconds } : {}) };
  }
}

/** Codes GraphQL and Apollo give to a request rejected before execution; kept as they are. */
const QUERY_ERROR_CODES: ReadonlySet<unknown> = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export const INTERNAL_ERROR_MESSAGE = 'Internal error';

export function publicErrorCode(code: ErrorCode): PublicErrorCode {
  switch (code) {
    case 'BAD_USER_INPUT':
      return 'BAD_USER_INPUT';
    case 'UNAUTHENTICATED':
      return 'UNAUTHENTICATED';
    case 'FORBIDDEN':
      return 'FORBIDDEN';
    case 'NOT_FOUND':
      return 'NOT_FOUND';
    case 'CONFLICT':
      return 'CONFLICT';
    case 'SERVICE_UNAVAILABLE':
      return 'SERVICE_UNAVAILABLE';
    case 'INTERNAL':
      return 'INTERNAL_SERVER_ERROR';
    default:
      return assertUnreachable(code);
  }
}

/** Apollo's `formatError` signature: the formatted error and the error it came from. */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const where = { ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };
  const cause = unwrapResolverError(error);
  if (isDomainError(cause)) {
    // An internal fault reported by a service says nothing useful to a caller either.
    const message = cause.code === 'INTERNAL' ? INTERNAL_ERROR_MESSAGE : cause.message;
    const extensions = { code: publicErrorCode(cause.code), ...(cause.field ? { field: cause.field } : {}) };
    return { message, ...where, extensions };
  }
  if (cause instanceof RequestLimitError) return { message: cause.message, ...where, extensions: cause.extensions() };
  const code = formatted.extensions?.['code'];
  if (cause instanceof GraphQLError && !cause.path && QUERY_ERROR_CODES.has(code)) {
    return { message: formatted.message, ...where, extensions: { code } };
  }
  return { message: INTERNAL_ERROR_MESSAGE, ...where, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** The same contract for a GraphQLError that never went through Apollo (graphql-ws). */
export function formatGraphqlErrors(errors: readonly GraphQLError[]): GraphQLFormattedError[] {
  return errors.map((error) => formatGraphqlError(error.toJSON(), error));
}
