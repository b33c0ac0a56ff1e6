/**
 * The gateway's configuration, validated at boot: a bad variable stops the gateway
 * with the variable's name before anything listens or connects.
 */
import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, Max, Min, ValidateIf } from 'class-validator';
import { IsKeyList, IsListedKeyId, PlatformConfig } from '@cpx/platform';

export class GatewayConfig extends PlatformConfig {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65_535)
  PORT: number = 4000;

  /** Where the identity provider publishes its signing keys. Required in production. */
  @Transform(emptyAsUnset)
  @ValidateIf((config: GatewayConfig) => config.CPX_MODE === 'production' || config.OIDC_JWKS_URL !== undefined)
  @IsNotEmpty({ message: 'is required in production mode' })
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false }, { message: 'must be an http(s) URL' })
  OIDC_JWKS_URL?: string;

  /** The `iss` every token must carry; required with OIDC_JWKS_URL. */
  @Transform(emptyAsUnset)
  @ValidateIf((config: GatewayConfig) => config.OIDC_JWKS_URL !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'is required with OIDC_JWKS_URL' })
  OIDC_ISSUER?: string;

  /** The `aud` every token must carry; required with OIDC_JWKS_URL. */
  @Transform(emptyAsUnset)
  @ValidateIf((config: GatewayConfig) => config.OIDC_JWKS_URL !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'is required with OIDC_JWKS_URL' })
  OIDC_AUDIENCE?: string;

  /** The local OIDC stand-in, used in local and test mode when OIDC_JWKS_URL is not set. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  CPX_LOCAL_IDENTITY_DIR: string = '.cpx/local-identity';

  /**
   * How often an open `alertChanged` subscription asks the alerts service whether its
   * subscriber may still follow alerts: a suspension ends the subscription within this.
   */
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(600_000)
  LIVE_ACCESS_RECHECK_MS: number = 30_000;

  @IsOptional()
  @IsInt()
  @Min(2)
  @Max(64)
  GRAPHQL_MAX_DEPTH: number = 8;

  /**
   * One per field, ROUND_TRIP_COST (10) more for a field that sends a request to a
   * service, times the lists above it: a page of 100 alerts with every field but the
   * thread costs about 3,300; 450 aliased lookups cost 5,400.
   */
  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(1_000_000)
  GRAPHQL_MAX_COMPLEXITY: number = 5000;

  /**
   * Requests to services one GraphQL operation may send: estimated before it runs (the
   * operation is refused), and counted while it runs (the fields past it fail).
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  GRAPHQL_MAX_ROUND_TRIPS: number = 25;

  /** The operation's text, in bytes, checked before it is parsed. */
  @IsOptional()
  @IsInt()
  @Min(1_024)
  @Max(10_000_000)
  GRAPHQL_MAX_DOCUMENT_BYTES: number = 32_768;

  /**
   * A request without an access token is refused as UNAUTHENTICATED, from its headers,
   * when its body is larger than this: such a body is never read.
   */
  @IsOptional()
  @IsInt()
  @Min(1_024)
  @Max(10_000_000)
  HTTP_ANONYMOUS_BODY_LIMIT_BYTES: number = 65_536;

  /**
   * Token buckets per signed-in user (token subject) and per client address: a burst
   * of up to `_BURST` requests, refilled at `_PER_SECOND`. A GraphQL request, a
   * graphql-ws connection and a graphql-ws operation each take one token. Past them the
   * answer is RATE_LIMITED (HTTP 429) with Retry-After.
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_USER_PER_SECOND: number = 20;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  RATE_LIMIT_USER_BURST: number = 200;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_ADDRESS_PER_SECOND: number = 100;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  RATE_LIMIT_ADDRESS_BURST: number = 1000;

  /**
   * How many proxies in front of the gateway set X-Forwarded-For (Express's `trust
   * proxy` as a hop count): the client address rate-limited is the one they saw. 0: the
   * socket's peer.
   */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10)
  HTTP_TRUSTED_PROXY_HOPS: number = 0;

  /**
   * The longest lifetime (exp - iat) an access token may claim, in seconds. A token
   * without exp, or living longer, is refused: a leaked one must not work for years.
   */
  @IsOptional()
  @IsInt()
  @Min(60)
  @Max(604_800)
  TOKEN_MAX_LIFETIME_SECONDS: number = 86_400;

  /**
   * Larger than the largest valid input on purpose: an oversized field must reach input
   * validation and come back as BAD_USER_INPUT naming the field, not as a bare 413.
   */
  @IsOptional()
  @Matches(/^\d+(b|kb|mb)$/i, { message: "must be a size such as '12mb'" })
  HTTP_BODY_LIMIT: string = '12mb';

  /**
   * `<key id>:<base64 of an Ed25519 private key (seed)>[,...]`: the gateway signs every
   * request's principal with the active one; services verify with the public halves
   * (CPX_PRINCIPAL_VERIFY_KEYS). Only the gateway holds it.
   */
  @IsKeyList()
  GATEWAY_PRINCIPAL_SIGNING_KEYS!: string;

  @IsListedKeyId('GATEWAY_PRINCIPAL_SIGNING_KEYS')
  GATEWAY_PRINCIPAL_SIGNING_KEY_ID!: string;

  /**
   * `<key id>:<base64 of an X25519 private key>[,...]`: opens what services seal to the
   * gateway (a revealed identity, a new webhook secret), with any listed key. Services
   * seal to the public halves (CPX_GATEWAY_SEALING_KEYS).
   */
  @IsKeyList()
  GATEWAY_OPENING_KEYS!: string;

  /**
   * `<key id>:<base64 of an X25519 public key>[,...]`: the alerts service's keys; a child's
   * record is sealed to the active one (GATEWAY_ALERTS_SEALING_KEY_ID) on its way to it.
   */
  @IsKeyList()
  GATEWAY_ALERTS_SEALING_KEYS!: string;

  @IsListedKeyId('GATEWAY_ALERTS_SEALING_KEYS')
  GATEWAY_ALERTS_SEALING_KEY_ID!: string;

  get production(): boolean {
    return this.CPX_MODE === 'production';
  }

  /** Tokens are checked against the local identity only outside production, and only without a JWKS URL. */
  get usesLocalIdentity(): boolean {
    return !this.production && this.OIDC_JWKS_URL === undefined;
  }
}

// The gateway owns no database: the shared DATABASE_URL is accepted (and checked when set)
// but not required. Applied here because a redeclared field would shadow the inherited one.
IsOptional()(GatewayConfig.prototype, 'DATABASE_URL');
// Nor does it verify principals: it signs them (GATEWAY_PRINCIPAL_SIGNING_KEYS).
IsOptional()(GatewayConfig.prototype, 'CPX_PRINCIPAL_VERIFY_KEYS');

/** Deployment templates often pass an empty variable for "not set". */
function emptyAsUnset({ value }: { value: unknown }): unknown {
  return value === '' ? undefined : value;
}
