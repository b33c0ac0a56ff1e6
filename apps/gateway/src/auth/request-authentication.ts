/**
 * The authentication of an HTTP request, verified at the door (limits/request-admission)
 * before its body is read, and handed to the GraphQL context so that the auth guard does
 * not verify the token a second time.
 */
import type { IncomingMessage } from 'node:http';
import type { Authentication } from './token-verifier';

const verified = new WeakMap<IncomingMessage, Promise<Authentication>>();

export function rememberAuthentication(request: IncomingMessage, authentication: Promise<Authentication>): void {
  verified.set(request, authentication);
}

export function authenticationOf(request: IncomingMessage): Promise<Authentication> | undefined {
  return verified.get(request);
}
