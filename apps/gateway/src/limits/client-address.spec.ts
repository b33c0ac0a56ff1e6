import type { IncomingMessage } from 'node:http';
import { clientAddress } from './client-address';

const request = (peer: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  it('is the socket’s peer unless proxies are trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddress(request('10.0.0.5', '203.0.113.9'), 0)).toBe('10.0.0.5');
  });

  it('behind trusted proxies, is the address the outermost trusted one saw, never one the client wrote', () => {
    // client 198.51.100.7 forged "1.1.1.1"; the load balancer appended the client's address.
    expect(clientAddress(request('10.0.0.5', '1.1.1.1, 198.51.100.7'), 1)).toBe('198.51.100.7');
    expect(clientAddress(request('10.0.0.5', '1.1.1.1, 198.51.100.7, 10.0.0.9'), 2)).toBe('198.51.100.7');
    // Fewer hops than trusted: the furthest one known.
    expect(clientAddress(request('10.0.0.5'), 2)).toBe('10.0.0.5');
  });
});
