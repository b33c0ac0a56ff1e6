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

  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(1_000_000)
  GRAPHQL_MAX_COMPLEXITY: number = 1000;

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
