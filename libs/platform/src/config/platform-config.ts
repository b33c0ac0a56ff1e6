/**
 * The variables every service shares: where Kafka and Postgres are, the gateway's
 * public keys that verify the principal travelling with each request, and the request
 * timeout. Which service holds which key: docs/adr/0009-keys-per-purpose.md.
 */
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import { IsKeyList, IsListedKeyId } from './key-validators';

export class PlatformConfig {
  /** Comma-separated host:port list. */
  @IsString()
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'must be a comma-separated list of host:port' })
  KAFKA_BROKERS!: string;

  /** A Postgres server URL; each service creates and migrates its own database on it. */
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  DATABASE_URL!: string;

  /**
   * `<key id>:<base64 of an Ed25519 public key>[,...]`: the gateway's keys, any of which
   * verifies a request's signed principal (rotation: list the new key everywhere, then
   * let the gateway sign with it, then drop the old). Every service needs it; the gateway,
   * which signs, does not.
   */
  @IsKeyList()
  CPX_PRINCIPAL_VERIFY_KEYS!: string;

  /** How long the gateway waits for a service's reply before answering SERVICE_UNAVAILABLE. */
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(60_000)
  CPX_REQUEST_TIMEOUT_MS: number = 5_000;

  /** Separates parallel test runs and deployments sharing one broker and one server. */
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9_]*$/, { message: 'must be lowercase letters, digits or _' })
  CPX_INSTANCE: string = '';

  /**
   * `<key id>:<base64 of an X25519 public key>[,...]`: the gateway's keys that what goes
   * back to it sealed (a revealed identity, a new webhook secret) is sealed to, with the
   * active one (CPX_GATEWAY_SEALING_KEY_ID). Public keys: they open nothing. Required by
   * the alerts and feeds services; the others ignore it.
   */
  @ValidateIf((config: PlatformConfig) => config.CPX_GATEWAY_SEALING_KEYS !== undefined || config.CPX_GATEWAY_SEALING_KEY_ID !== undefined)
  @IsKeyList()
  CPX_GATEWAY_SEALING_KEYS?: string;

  @ValidateIf((config: PlatformConfig) => config.CPX_GATEWAY_SEALING_KEYS !== undefined || config.CPX_GATEWAY_SEALING_KEY_ID !== undefined)
  @IsListedKeyId('CPX_GATEWAY_SEALING_KEYS')
  CPX_GATEWAY_SEALING_KEY_ID?: string;

  @IsOptional()
  @IsIn(['production', 'local', 'test'])
  CPX_MODE: 'production' | 'local' | 'test' = 'local';

  @IsOptional()
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  @IsOptional()
  @IsNotEmpty()
  @Transform(({ value }) => (value === undefined ? undefined : String(value)))
  CPX_SERVICE_INSTANCE_ID?: string;

  get kafkaBrokers(): string[] {
    return this.KAFKA_BROKERS.split(',');
  }
}
