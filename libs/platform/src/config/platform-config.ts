/**
 * The variables every service shares: where Kafka and Postgres are, the key that
 * signs the principal travelling with each request, and the request timeout.
 */
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

export class PlatformConfig {
  /** Comma-separated host:port list. */
  @IsString()
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'must be a comma-separated list of host:port' })
  KAFKA_BROKERS!: string;

  /** A Postgres server URL; each service creates and migrates its own database on it. */
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  DATABASE_URL!: string;

  /** HMAC key shared by the gateway and the services to sign the caller's identity. */
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  CPX_PRINCIPAL_SIGNING_KEY!: string;

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
   * 32 bytes, base64: seals sensitive payloads on Kafka: a child's record between the
   * gateway and the alerts service, a new webhook secret between the feeds service and
   * the gateway. Required by those three; the directory ignores it.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be 32 bytes in base64' })
  CPX_PAYLOAD_KEY?: string;

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
