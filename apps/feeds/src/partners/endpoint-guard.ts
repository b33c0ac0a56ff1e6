/**
 * SSRF guard for webhook endpoints, in every mode. A host name is judged by every
 * address it resolves to, twice:
 *
 * - when a subscription is created (`refusal`): the partner's admin hears at once that
 *   the endpoint is refused;
 * - when a delivery connects (`lookup`, the resolver the webhook sender's socket uses):
 *   the addresses judged are the very ones the socket connects to, so a name that
 *   answers a public address to a check and 127.0.0.1 to the connection (DNS rebinding)
 *   reaches nothing. IP literals are never looked up by Node: `literalRefusal` judges
 *   those before connecting.
 *
 * Only where FEEDS_ALLOW_PRIVATE_ENDPOINTS allows private endpoints (receivers on this
 * machine in tests and benchmarks; refused in production) does it let through what
 * webhook-url.ts allows; host names are still resolved through the HOST_RESOLVER port.
 * It does not hang on CPX_MODE: a deployment left in the default `local` mode is guarded.
 * A refusal never names the addresses: that would let a caller map internal DNS.
 */
import type { LookupAddress, LookupOptions } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import { FeedsConfig } from '../config/feeds.config';
import { isPrivateAddress } from './domain/internal-addresses';

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

/** What a socket's lookup fails with when the guard refuses the endpoint: no connection is made. */
export class EndpointRefusedError extends Error {
  readonly code = 'CPX_ENDPOINT_REFUSED';

  constructor(readonly refusal: EndpointRefusal) {
    super(`The endpoint ${refusal.message}.`);
    this.name = 'EndpointRefusedError';
  }
}

@Injectable()
export class EndpointGuard {
  constructor(
    @Inject(HOST_RESOLVER) private readonly resolve: HostResolver,
    @Inject(FeedsConfig) private readonly config: Pick<FeedsConfig, 'FEEDS_ALLOW_PRIVATE_ENDPOINTS'>,
  ) {}

  /** Create time: why the endpoint's URL is refused, or undefined. */
  async refusal(url: string): Promise<EndpointRefusal | undefined> {
    if (!this.guarding) return undefined;
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    if (isPrivateAddress(host)) return PRIVATE;
    if (isIP(host)) return undefined;
    try {
      return judge(await this.resolve(host));
    } catch {
      return UNRESOLVED;
    }
  }

  /** Connect time, for a host Node will not look up (an IP literal) or must not (`localhost`). */
  literalRefusal(host: string): EndpointRefusal | undefined {
    return this.guarding && isPrivateAddress(host) ? PRIVATE : undefined;
  }

  /**
   * Connect time: the `lookup` of the webhook sender's socket. Resolves through the port,
   * refuses (unless private endpoints are allowed) a name with any internal address, and
   * hands the socket only addresses that were judged, of the family it asks for.
   */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    this.approvedAddresses(hostname, options).then(
      (addresses) => {
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };

  private get guarding(): boolean {
    return !this.config.FEEDS_ALLOW_PRIVATE_ENDPOINTS;
  }

  private async approvedAddresses(hostname: string, options: LookupOptions): Promise<LookupAddress[]> {
    const host = hostname.replace(/^\[|\]$/g, '');
    const literal = this.literalRefusal(host);
    if (literal) throw new EndpointRefusedError(literal);
    let addresses: string[];
    try {
      addresses = await this.resolve(host);
    } catch {
      throw new EndpointRefusedError(UNRESOLVED);
    }
    const refusal = this.guarding ? judge(addresses) : addresses.length === 0 ? UNRESOLVED : undefined;
    if (refusal) throw new EndpointRefusedError(refusal);
    const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
    const usable = addresses.map((address) => ({ address, family: isIP(address) })).filter((entry) => entry.family !== 0 && (!family || entry.family === family));
    if (usable.length === 0) throw new EndpointRefusedError(UNRESOLVED);
    return usable;
  }
}

/** A host is refused when it has no address, or when any of its addresses is internal. */
function judge(addresses: string[]): EndpointRefusal | undefined {
  if (addresses.length === 0) return UNRESOLVED;
  return addresses.some((address) => isPrivateAddress(address)) ? PRIVATE : undefined;
}
