/**
 * Verifies OIDC access tokens. The same code checks Keycloak's tokens (keys fetched from
 * the JWKS URL) and the local identity's (keys read from disk): signature, issuer,
 * audience, expiry and not-before, and an algorithm allow-list, so that `none` and the
 * HMAC family (whose "key" would be a public value) can never be accepted. A token must
 * name a subject (not an empty one: it is who the rate limits and every service count),
 * say when it was issued and when it expires, and live no longer than the configured
 * maximum (TOKEN_MAX_LIFETIME_SECONDS, 24 h): a leaked token must not work for years.
 *
 * A client sends the same token with every request, and checking a signature is the
 * largest single cost of a request at the gateway. So a token that verified is
 * remembered, briefly: until it expires, and never longer than VERIFIED_TTL_MS, so that a
 * key withdrawn from the JWKS stops being honoured within that time. Only successes are
 * remembered; the cache is bounded, oldest first out.
 */
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { DomainError, type Principal } from '@cpx/platform';
import { principalFromClaims } from './principal-from-claims';

export const ACCEPTED_ALGORITHMS = ['RS256', 'ES256', 'PS256'];

/** Who the caller is, and until when the token that proved it is valid. */
export interface Authentication {
  principal: Principal;
  /** Epoch milliseconds; a long-lived connection stops being trusted after it. */
  expiresAt: number;
}

/** How long a verified token is taken on trust without checking its signature again. */
export const VERIFIED_TTL_MS = 60_000;
const MAX_REMEMBERED = 10_000;

export interface TokenExpectations {
  issuer: string;
  audience: string;
  /** The longest lifetime (exp - iat) a token may claim, in seconds. */
  maxLifetimeSeconds: number;
}

export class TokenVerifier {
  private readonly verified = new Map<string, { authentication: Authentication; trustedUntil: number }>();

  constructor(
    private readonly keys: JWTVerifyGetKey,
    private readonly expected: TokenExpectations,
    /** Whether the keys come over the network, where a failure can be ours. */
    private readonly remoteKeys = false,
  ) {}

  static remote(jwksUrl: string, expected: TokenExpectations): TokenVerifier {
    return new TokenVerifier(createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 2_000, cooldownDuration: 30_000 }), expected, true);
  }

  static local(jwks: JSONWebKeySet, expected: TokenExpectations): TokenVerifier {
    return new TokenVerifier(createLocalJWKSet(jwks), expected);
  }

  async verify(token: string): Promise<Authentication> {
    const now = Date.now();
    const remembered = this.verified.get(token);
    if (remembered && now < remembered.trustedUntil) return copy(remembered.authentication);
    if (remembered) this.verified.delete(token);
    const authentication = await this.verifySignature(token);
    if (this.verified.size >= MAX_REMEMBERED) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { authentication, trustedUntil: Math.min(authentication.expiresAt, now + VERIFIED_TTL_MS) });
    return copy(authentication);
  }

  private async verifySignature(token: string): Promise<Authentication> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.expected.issuer,
        audience: this.expected.audience,
        algorithms: ACCEPTED_ALGORITHMS,
        requiredClaims: ['sub', 'exp', 'iat'],
        clockTolerance: 5,
        // A token issued longer ago than it may live is refused whatever its exp says.
        maxTokenAge: this.expected.maxLifetimeSeconds,
      }));
    } catch (error) {
      throw refusal(error, this.remoteKeys);
    }
    if (typeof payload.sub !== 'string' || payload.sub.trim() === '') throw DomainError.unauthenticated('The access token names no subject.');
    if (payload.exp! - payload.iat! > this.expected.maxLifetimeSeconds) {
      throw DomainError.unauthenticated(`The access token lives longer than ${this.expected.maxLifetimeSeconds} s, the most accepted.`);
    }
    return { principal: principalFromClaims(payload), expiresAt: (payload.exp ?? 0) * 1000 };
  }
}

/** Callers get their own copy: nothing they do changes what is remembered. */
function copy(authentication: Authentication): Authentication {
  const { principal } = authentication;
  return { principal: { ...principal, roles: [...principal.roles] }, expiresAt: authentication.expiresAt };
}

/**
 * Enough for the caller to fix their client, nothing about our keys or configuration.
 * When the identity provider cannot be reached the token may well be good: that is our
 * outage, not the caller's fault.
 */
function refusal(error: unknown, remoteKeys: boolean): DomainError {
  if (error instanceof errors.JWTExpired) return DomainError.unauthenticated('The access token has expired.');
  if (remoteKeys && (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError))) {
    return DomainError.unavailable('The identity provider could not be reached to verify the access token.');
  }
  return DomainError.unauthenticated('The access token is not valid.');
}
