/**
 * What an HTTP request to /graphql goes through before its body is read, cheapest first:
 *
 * 1. the client address's rate limit;
 * 2. the access token, when there is one: verified now (a bad one is refused from the
 *    headers, whatever the body), then the user's rate limit;
 * 3. without a token, a body larger than HTTP_ANONYMOUS_BODY_LIMIT_BYTES is refused as
 *    UNAUTHENTICATED from its Content-Length, unread (a small one goes on: the guard
 *    refuses each field, and local introspection works without a token);
 *
 * then, once the JSON body is parsed (at most HTTP_BODY_LIMIT, which Express refuses
 * from Content-Length too), the operation's text is measured before GraphQL parses it,
 * and the operation runs with its own count of requests to services (round-trips.ts).
 * Refusals are GraphQL responses with `extensions.code`: RATE_LIMITED (429, Retry-After),
 * UNAUTHENTICATED (401), SERVICE_UNAVAILABLE (503), BAD_REQUEST (413).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphQLFormattedError } from 'graphql';
import { isDomainError } from '@cpx/platform';
import { bearerToken } from '../auth/bearer-token';
import { rememberAuthentication } from '../auth/request-authentication';
import type { TokenVerifier } from '../auth/token-verifier';
import { publicErrorCode, RequestLimitError } from '../graphql/graphql-errors';
import { clientAddress } from './client-address';
import type { Admission, RateLimits } from './rate-limits';
import { withinRoundTrips } from './round-trips';

type Next = (error?: unknown) => void;
type Handler = (request: IncomingMessage & { body?: unknown }, response: ServerResponse, next: Next) => void;

export interface AdmissionSettings {
  trustedProxyHops: number;
  anonymousBodyLimitBytes: number;
  maxDocumentBytes: number;
  maxRoundTrips: number;
}

/** Before the body parser. */
export function admitRequest(verifier: TokenVerifier, rateLimits: RateLimits, settings: AdmissionSettings): Handler {
  return (request, response, next) => {
    if (request.method === 'OPTIONS') return next();
    admit(request, response, verifier, rateLimits, settings).then((admitted) => (admitted ? next() : undefined), next);
  };
}

async function admit(
  request: IncomingMessage,
  response: ServerResponse,
  verifier: TokenVerifier,
  rateLimits: RateLimits,
  settings: AdmissionSettings,
): Promise<boolean> {
  const byAddress = await rateLimits.forAddress(clientAddress(request, settings.trustedProxyHops));
  if (!byAddress.allowed) return refuseRateLimited(response, byAddress, 'this address');

  const token = bearerToken(request.headers.authorization);
  if (!token) {
    const length = Number(request.headers['content-length'] ?? 0);
    const unmeasured = request.headers['transfer-encoding'] !== undefined && request.headers['content-length'] === undefined;
    if (length > settings.anonymousBodyLimitBytes || unmeasured) {
      return refuse(response, 401, { message: 'An access token is required: send `Authorization: Bearer <token>`.', extensions: { code: 'UNAUTHENTICATED' } });
    }
    return true;
  }

  const authentication = verifier.verify(token);
  rememberAuthentication(request, authentication);
  let subject: string;
  try {
    subject = (await authentication).principal.subject;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const code = publicErrorCode(error.code);
    return refuse(response, code === 'SERVICE_UNAVAILABLE' ? 503 : 401, { message: error.message, extensions: { code } });
  }
  const byUser = await rateLimits.forUser(subject);
  if (!byUser.allowed) return refuseRateLimited(response, byUser, 'you');
  return true;
}

/** After the body parser: the operation's size, then its round-trip count around everything after. */
export function measureOperation(settings: AdmissionSettings): Handler {
  return (request, response, next) => {
    const body = request.body as { query?: unknown } | undefined;
    const query = typeof body?.query === 'string' ? body.query : undefined;
    if (query !== undefined && Buffer.byteLength(query) > settings.maxDocumentBytes) {
      refuse(response, 413, {
        message: `The operation's text is over ${settings.maxDocumentBytes} bytes, the most one request may hold.`,
        extensions: { code: 'BAD_REQUEST' },
      });
      return;
    }
    withinRoundTrips(settings.maxRoundTrips, next);
  };
}

function refuseRateLimited(response: ServerResponse, admission: Admission, who: string): false {
  const retryAfterSeconds = admission.allowed ? 1 : admission.retryAfterSeconds;
  const error = new RequestLimitError('RATE_LIMITED', `Too many requests from ${who}: try again in ${retryAfterSeconds} s.`, retryAfterSeconds);
  response.setHeader('retry-after', String(retryAfterSeconds));
  return refuse(response, 429, error.toFormatted());
}

/**
 * Answers at once. A body not read yet is discarded by Node as it arrives (never parsed or
 * kept), so that the client, still sending, gets the answer rather than a broken pipe and
 * the connection can serve its next request.
 */
function refuse(response: ServerResponse, status: number, error: GraphQLFormattedError): false {
  const body = JSON.stringify({ errors: [error] });
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  response.end(body);
  return false;
}
