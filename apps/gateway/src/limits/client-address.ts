/**
 * The address a client is rate-limited by: the socket's peer, or, behind
 * HTTP_TRUSTED_PROXY_HOPS proxies that each append to X-Forwarded-For, the address the
 * outermost trusted one saw (Express's `trust proxy` with a hop count, for HTTP and
 * graphql-ws alike). Entries further left were written by the client and prove nothing.
 */
import type { IncomingMessage } from 'node:http';

export function clientAddress(request: IncomingMessage, trustedProxyHops: number): string {
  const peer = request.socket.remoteAddress ?? 'unknown';
  if (trustedProxyHops <= 0) return peer;
  const header = request.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((address) => address.trim())
    .filter((address) => address.length > 0)
    .reverse();
  const chain = [peer, ...forwarded];
  return chain[Math.min(trustedProxyHops, chain.length - 1)]!;
}
