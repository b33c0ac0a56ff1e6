/**
 * Which webhook endpoints CPX will call. Production: https only, and never an address
 * written as a private, loopback or link-local IP literal. Local and test modes also
 * allow plain http to this machine (127.0.0.1, localhost, [::1]), for receivers in tests.
 *
 * A host name is checked by what it resolves to (endpoint-guard.ts), at create time and
 * again by the socket of every attempt, on the addresses it connects to.
 */
import { isIP } from 'node:net';

export type Mode = 'production' | 'local' | 'test';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
export const MAX_URL_LENGTH = 2_000;

/** Returns why the URL is refused, or undefined when it may be used. */
export function webhookUrlProblem(value: string, mode: Mode): string | undefined {
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
    if (mode !== 'production' && LOOPBACK_HOSTS.has(host)) return undefined;
    return mode === 'production' ? 'must use https' : 'must use https (plain http only to 127.0.0.1 or localhost outside production)';
  }
  if (url.protocol !== 'https:') return 'must use https';
  if (mode === 'production' && isPrivateAddress(host)) return 'must not point at a private, loopback or link-local address';
  return undefined;
}

/**
 * Private (10/8, 172.16/12, 192.168/16), loopback, link-local, CGNAT (100.64/10),
 * unspecified, multicast and reserved IPv4; loopback, unspecified, link-local (fe80::/10),
 * unique-local (fc00::/7), multicast and IPv4-mapped/-compatible IPv6. Also `localhost`.
 */
export function isPrivateAddress(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  const version = isIP(bare);
  if (version === 4) {
    const [a, b] = bare.split('.').map(Number);
    return a === 10 || a === 127 || a === 0 || a >= 224 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  if (version === 6) {
    return (
      bare === '::1' ||
      bare === '::' ||
      /^fe[89ab]/.test(bare) ||
      /^f[cd]/.test(bare) ||
      bare.startsWith('ff') ||
      // IPv4-mapped or -compatible: whatever IPv4 address it carries, refused.
      bare.startsWith('::ffff:') ||
      /^::\d+\.\d+\.\d+\.\d+$/.test(bare)
    );
  }
  return false;
}
