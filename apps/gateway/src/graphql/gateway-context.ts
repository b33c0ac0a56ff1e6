/**
 * The per-operation GraphQL context. Over HTTP it carries the request, and the auth guard
 * fills in who is asking; over graphql-ws the caller was already authenticated at
 * `connection_init` and the context starts with that authentication.
 */
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import type { Principal } from '@cpx/platform';
import { authenticationOf } from '../auth/request-authentication';
import type { Authentication } from '../auth/token-verifier';

export interface GatewayContext {
  req: IncomingMessage;
  /** Verified once per operation (HTTP) or once per connection (graphql-ws), then shared by every field. */
  authentication?: Promise<Authentication>;
  /** Set by the auth guard once `authentication` has been checked. */
  principal?: Principal;
}

/** What graphql-ws keeps for one socket; `authentication` is set by the connection_init hook. */
export interface SocketExtra {
  readonly socket: WebSocket;
  readonly request: IncomingMessage;
  authentication?: Authentication;
}

type ContextSource = { req: IncomingMessage } | { extra: SocketExtra };

export function gatewayContext(source: ContextSource): GatewayContext {
  if ('extra' in source) {
    const { request, authentication } = source.extra;
    return { req: request, authentication: authentication ? Promise.resolve(authentication) : undefined };
  }
  return { req: source.req, authentication: authenticationOf(source.req) };
}
