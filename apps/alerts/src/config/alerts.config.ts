/**
 * The alerts service's configuration. Deadlines and periods are durations in
 * milliseconds so that tests can shorten them; defaults follow PRODUCT.md.
 */
import { IsKeyList, IsListedKeyId, NoRepositoryKeyInProduction, PlatformConfig } from '@cpx/platform';
import { IsDefined, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export class AlertsConfig extends PlatformConfig {
  /** `<key id>:<base64 of 32 bytes>[,...]`: master keys that wrap the identities' data keys. */
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]+:[A-Za-z0-9+/=]+(,\s*[A-Za-z0-9_.-]+:[A-Za-z0-9+/=]+)*$/, {
    message: 'must be <key id>:<base64 key>[,<key id>:<base64 key>...]',
  })
  @NoRepositoryKeyInProduction()
  ALERTS_MASTER_KEYS!: string;

  /**
   * `<key id>:<base64 of an X25519 private key>[,...]`: opens a child's record the gateway
   * sealed to this service (HPKE), with any listed key. Only the alerts service holds it;
   * the gateway seals to the public halves (GATEWAY_ALERTS_SEALING_KEYS).
   */
  @IsKeyList()
  ALERTS_OPENING_KEYS!: string;

  /** The key id new identities are wrapped with; the others only open older records. */
  @IsString()
  ALERTS_ACTIVE_KEY_ID!: string;

  @IsOptional() @IsInt() @Min(1_000)
  ALERTS_ACK_CRITICAL_MS: number = HOUR;

  @IsOptional() @IsInt() @Min(1_000)
  ALERTS_ACK_HIGH_MS: number = DAY;

  @IsOptional() @IsInt() @Min(1_000)
  ALERTS_ACK_NORMAL_MS: number = 3 * DAY;

  /** How often each instance looks for deadlines that passed. */
  @IsOptional() @IsInt() @Min(50) @Max(60_000)
  ALERTS_SCHEDULER_INTERVAL_MS: number = 5_000;

  /** A resolved or cancelled alert closes after this long (late updates still welcome). */
  @IsOptional() @IsInt() @Min(0)
  ALERTS_CLOSE_AFTER_MS: number = DAY;

  /** The identity and photo are erased this long after closure (default 180 days). */
  @IsOptional() @IsInt() @Min(0)
  ALERTS_IDENTITY_RETENTION_MS: number = 180 * DAY;

  /** Largest photo accepted, in bytes. */
  @IsOptional() @IsInt() @Min(1_024) @Max(10_000_000)
  ALERTS_MAX_PHOTO_BYTES: number = 2_000_000;
}

// Required here (the platform's are optional): a revealed identity goes back sealed to the gateway.
// ValidateIf replaces the platform's condition (class-validator keeps a subclass's).
ValidateIf(() => true)(AlertsConfig.prototype, 'CPX_GATEWAY_SEALING_KEYS');
IsDefined({ message: 'is required: a revealed identity goes back sealed to the gateway' })(AlertsConfig.prototype, 'CPX_GATEWAY_SEALING_KEYS');
ValidateIf(() => true)(AlertsConfig.prototype, 'CPX_GATEWAY_SEALING_KEY_ID');
IsListedKeyId('CPX_GATEWAY_SEALING_KEYS')(AlertsConfig.prototype, 'CPX_GATEWAY_SEALING_KEY_ID');
