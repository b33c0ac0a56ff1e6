/**
 * SSRF guard for webhook endpoints in production mode: a host name is judged by every
 * address it resolves to, at create time and again before each attempt (a name can be
 * pointed elsewhere after it was accepted). Outside production the guard lets through
 * what webhook-url.ts allows (test receivers listen on 127.0.0.1).
 *
 * The refusal never names the addresses: that would let a caller map internal DNS.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import { FeedsConfig } from '../config/feeds.config';
import { isPrivateAddress } from './domain/webhook-url';

/** Every address a host name resolves to (the port, so that tests can stub DNS). */
export type HostResolver = (host: string) => Promise<string[]>;
export const HOST_RESOLVER = Symbol('HOST_RESOLVER');

export const systemResolver: HostResolver = async (host) => (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

export interface EndpointRefusal {
  /** `private`: the host is or resolves to an address CPX never calls; `unresolved`: no address. */
  kind: 'private' | 'unresolved';
  message: string;
}

const PRIVATE: EndpointRefusal = { kind: 'private', message: 'must not point at or resolve to a private, loopback, link-local or otherwise internal address' };
const UNRESOLVED: EndpointRefusal = { kind: 'unresolved', message: 'must have a host name that resolves' };

@Injectable()
export class EndpointGuard {
  constructor(
    @Inject(HOST_RESOLVER) private readonly resolve: HostResolver,
    @Inject(FeedsConfig) private readonly config: Pick<FeedsConfig, 'CPX_MODE'>,
  ) {}

  async refusal(url: string): Promise<EndpointRefusal | undefined> {
    if (this.config.CPX_MODE !== 'production') return undefined;
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    if (isPrivateAddress(host)) return PRIVATE;
    if (isIP(host)) return undefined;
    let addresses: string[];
    try {
      addresses = await this.resolve(host);
    } catch {
      return UNRESOLVED;
    }
    if (addresses.length === 0) return UNRESOLVED;
    return addresses.some((address) => isPrivateAddress(address)) ? PRIVATE : undefined;
  }
}
