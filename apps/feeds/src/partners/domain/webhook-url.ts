/**
 * Which webhook endpoints CPX will call: https only, and never an address written as a
 * private, loopback, link-local or otherwise internal IP literal, whatever CPX_MODE says
 * (a deployment left in the default `local` mode must not call its own network). Only
 * where private endpoints are allowed (FEEDS_ALLOW_PRIVATE_ENDPOINTS, never in
 * production) may an endpoint be such an address, or plain http to this machine
 * (127.0.0.1, localhost, [::1]): receivers in tests and benchmarks.
 *
 * A host name is checked by what it resolves to (endpoint-guard.ts), at create time and
 * again by the socket of every attempt, on the addresses it connects to.
 */
import { isPrivateAddress } from './internal-addresses';

export interface EndpointPolicy {
  /** FEEDS_ALLOW_PRIVATE_ENDPOINTS: receivers on this machine or its network are allowed. */
  allowPrivate: boolean;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
export const MAX_URL_LENGTH = 2_000;

/** Returns why the URL is refused, or undefined when it may be used. */
export function webhookUrlProblem(value: string, policy: EndpointPolicy): string | undefined {
  if (value.length > MAX_URL_LENGTH) return `must be at most ${MAX_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.username || url.password) return 'must not carry credentials';
  if (url.hash) return 'must not have a fragment';
  const host = url.hostname;
  if (url.protocol === 'http:') {
    if (policy.allowPrivate && LOOPBACK_HOSTS.has(host)) return undefined;
    return policy.allowPrivate ? 'must use https (plain http only to 127.0.0.1, localhost or [::1])' : 'must use https';
  }
  if (url.protocol !== 'https:') return 'must use https';
  if (!policy.allowPrivate && isPrivateAddress(host)) return 'must not point at a private, loopback or link-local address';
  return undefined;
}
