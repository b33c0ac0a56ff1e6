/**
 * The variables every service shares: where Kafka and Postgres are, how this service
 * authenticates to Kafka, the gateway's public keys that verify the principal travelling
 * with each request, and the request timeout. Which service holds which key:
 * docs/adr/0009-keys-per-purpose.md; Kafka principals: docs/adr/0008-authenticated-kafka-and-acls.md.
 */
import { readFileSync } from 'node:fs';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  Validate,
  ValidateIf,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { IsKeyList, IsListedKeyId } from './key-validators';
import type { KafkaSecurity } from '../kafka/kafka-options';

/**
 * `true` / `false` (unset: false); anything else is left for IsBoolean to refuse. Read from
 * the raw variable: implicit conversion would already have made "yes" true.
 */
const flag = ({ obj, key }: { obj: Record<string, unknown>; key: string }): unknown => {
  const raw = obj[key];
  if (raw === undefined || raw === '' || raw === 'false' || raw === false) return false;
  if (raw === 'true' || raw === true) return true;
  return raw;
};

@ValidatorConstraint({ name: 'trueInProduction' })
class TrueInProduction implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    return value === true || (args.object as PlatformConfig).CPX_MODE !== 'production';
  }
  defaultMessage(): string {
    return 'must be true in production mode';
  }
}

@ValidatorConstraint({ name: 'readablePemFile' })
class ReadablePemFile implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    try {
      return typeof value === 'string' && readFileSync(value, 'utf8').includes('-----BEGIN CERTIFICATE-----');
    } catch {
      return false;
    }
  }
  defaultMessage(): string {
    return 'must be a readable PEM file of CA certificates';
  }
}

export class PlatformConfig {
  /** Comma-separated host:port list. */
  @IsString()
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'must be a comma-separated list of host:port' })
  KAFKA_BROKERS!: string;

  /**
   * TLS to the brokers. Required in production; the local stack's broker has it too
   * (`false` is for a plaintext external cluster only).
   */
  @Transform(flag)
  @IsBoolean({ message: 'must be true or false' })
  @Validate(TrueInProduction)
  KAFKA_TLS: boolean = false;

  /** The CA certificates (PEM file) the brokers' certificates chain to; unset: the system's. */
  @IsOptional()
  @Validate(ReadablePemFile)
  KAFKA_TLS_CA_FILE?: string;

  /**
   * This service's own Kafka principal, a SCRAM-SHA-512 user (`cpx-directory`, ...): the
   * broker's ACLs let it write only its own topics. Required in production.
   */
  @ValidateIf((config: PlatformConfig) => config.CPX_MODE === 'production' || config.KAFKA_SASL_PASSWORD !== undefined)
  @IsNotEmpty({ message: 'must be set in production mode, and with KAFKA_SASL_PASSWORD' })
  KAFKA_SASL_USERNAME?: string;

  @ValidateIf((config: PlatformConfig) => config.KAFKA_SASL_USERNAME !== undefined)
  @IsString({ message: 'must be set with KAFKA_SASL_USERNAME' })
  @MinLength(16, { message: 'must be at least 16 characters' })
  KAFKA_SASL_PASSWORD?: string;

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

  /** TLS and SASL for every Kafka client of this process. */
  get kafkaSecurity(): KafkaSecurity {
    return {
      ...(this.KAFKA_TLS ? { ssl: this.KAFKA_TLS_CA_FILE ? { ca: [readFileSync(this.KAFKA_TLS_CA_FILE, 'utf8')] } : true } : {}),
      ...(this.KAFKA_SASL_USERNAME && this.KAFKA_SASL_PASSWORD
        ? { sasl: { mechanism: 'scram-sha-512', username: this.KAFKA_SASL_USERNAME, password: this.KAFKA_SASL_PASSWORD } }
        : {}),
    };
  }
}
