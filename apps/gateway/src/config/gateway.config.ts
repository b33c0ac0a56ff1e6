/**
 * The gateway's configuration, validated at boot: a bad variable stops the gateway
 * with the variable's name before anything listens or connects.
 */
import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, Max, Min, ValidateIf } from 'class-validator';
import { PlatformConfig } from '@cpx/platform';

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

/** Deployment templates often pass an empty variable for "not set". */
function emptyAsUnset({ value }: { value: unknown }): unknown {
  return value === '' ? undefined : value;
}
