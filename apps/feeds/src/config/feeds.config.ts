/**
 * The feeds service's configuration. Durations are milliseconds so that tests can
 * shorten them; the retry schedule defaults to the one partners are told about
 * (immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h).
 */
import { Transform } from 'class-transformer';
import { IsListedKeyId, NoRepositoryKeyInProduction, PlatformConfig } from '@cpx/platform';
import { IsBoolean, IsDefined, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, Validate, ValidateIf, ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const DEFAULT_RETRY_SCHEDULE_MS = [0, 5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 14 * HOUR, 20 * HOUR, 24 * HOUR];

/** `<key id>:<base64 of exactly 32 bytes>`, comma-separated. */
const SECRET_KEY = '[A-Za-z0-9_.-]+:[A-Za-z0-9+/]{43}=';

const keyIds = (keys: unknown): string[] => (typeof keys === 'string' ? keys.split(',').map((entry) => entry.trim().split(':')[0]) : []);

@ValidatorConstraint({ name: 'distinctKeyIds' })
class DistinctKeyIds implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    const ids = keyIds(value);
    return new Set(ids).size === ids.length;
  }
  defaultMessage(): string {
    return 'must not list a key id twice';
  }
}

@ValidatorConstraint({ name: 'activeKeyListed' })
class ActiveKeyListed implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    return keyIds((args.object as FeedsConfig).FEEDS_SECRET_KEYS).includes(String(value));
  }
  defaultMessage(): string {
    return 'must be one of the key ids in FEEDS_SECRET_KEYS';
  }
}

@ValidatorConstraint({ name: 'belowDeliveryConcurrency' })
class BelowDeliveryConcurrency implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    return typeof value === 'number' && value < (args.object as FeedsConfig).FEEDS_DELIVERY_CONCURRENCY;
  }
  defaultMessage(): string {
    return 'must be less than FEEDS_DELIVERY_CONCURRENCY, or one endpoint could hold every delivery slot';
  }
}

@ValidatorConstraint({ name: 'notInProduction' })
class NotInProduction implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    return value !== true || (args.object as FeedsConfig).CPX_MODE !== 'production';
  }
  defaultMessage(): string {
    return 'must not be true in production mode: there, webhooks never go to a private, loopback or link-local address';
  }
}

/** `true` or `false` as written; anything else stays as written, for IsBoolean to name. */
const flag = ({ obj, key }: { obj: Record<string, unknown>; key: string }): unknown => {
  const raw = obj[key];
  if (raw === undefined || raw === '' || raw === 'false' || raw === false) return false;
  if (raw === 'true' || raw === true) return true;
  return raw;
};

export class FeedsConfig extends PlatformConfig {

  /**
   * `<key id>:<base64 of 32 bytes>[,...]`: the master keys that seal partners' webhook
   * secrets at rest. Keep every key some stored secret may still be sealed with; the
   * service re-seals them under the active key at startup.
   */
  @IsString()
  @Matches(new RegExp(`^${SECRET_KEY}(,\\s*${SECRET_KEY})*$`), {
    message: 'must be <key id>:<base64 of 32 bytes>[,<key id>:<base64 of 32 bytes>...]',
  })
  @Validate(DistinctKeyIds)
  @NoRepositoryKeyInProduction()
  FEEDS_SECRET_KEYS!: string;

  /** The key id new and re-sealed secrets are sealed with; the others only open older ones. */
  @IsString()
  @Validate(ActiveKeyListed)
  FEEDS_ACTIVE_SECRET_KEY_ID!: string;

  /**
   * `true` lets webhook endpoints be private, loopback or link-local addresses (and plain
   * http to 127.0.0.1, localhost or [::1]): for tests and benchmarks whose receivers run on
   * this machine. Off by default in every mode, and refused in production: the SSRF guard
   * (partners/endpoint-guard.ts) must not depend on which mode a deployment forgot to set.
   */
  @Transform(flag)
  @IsBoolean({ message: 'must be true or false' })
  @Validate(NotInProduction)
  FEEDS_ALLOW_PRIVATE_ENDPOINTS: boolean = false;

  /** Delay before each attempt, comma-separated: the first is the first attempt's. */
  @IsOptional()
  @IsString()
  @Matches(/^\d+(,\d+)*$/, { message: 'must be a comma-separated list of milliseconds' })
  FEEDS_RETRY_SCHEDULE_MS: string = DEFAULT_RETRY_SCHEDULE_MS.join(',');

  /** Jitter added to each retry delay, as a fraction of it (0.1: up to 10 % later). */
  @IsOptional() @Min(0) @Max(1)
  FEEDS_RETRY_JITTER: number = 0.1;

  /** An endpoint that has not answered by then has failed this attempt. */
  @IsOptional() @IsInt() @Min(100) @Max(60_000)
  FEEDS_DELIVERY_TIMEOUT_MS: number = 15_000;

  /**
   * Deliveries in flight at once per instance. A slot is held from the claim until the
   * attempt is recorded (tens of ms under load), so 1000 webhooks/s need about a hundred;
   * a slot costs one pending request. Endpoints take turns in each claim.
   */
  @IsOptional() @IsInt() @Min(2) @Max(500)
  FEEDS_DELIVERY_CONCURRENCY: number = 128;

  /**
   * Deliveries in flight at once to one endpoint (a subscription's webhook URL), across
   * all instances: an endpoint with this many under way gets no more until one ends. A
   * slot is held up to FEEDS_DELIVERY_TIMEOUT_MS by an endpoint that does not answer, and
   * freed slots go to the oldest due deliveries, usually that endpoint's backlog: without
   * this bound one such endpoint ends up holding every slot and every other partner's
   * webhooks wait. With it, it holds this many (16 of 128 by default: it takes 8 such
   * endpoints at once to hold them all). Below FEEDS_DELIVERY_CONCURRENCY, or one endpoint
   * could still hold them all. 16 keeps what a healthy endpoint may take (16 attempts of a
   * few tens of ms at a time: several hundred webhooks/s) above the default rate limit.
   */
  @IsOptional() @IsInt() @Min(1) @Max(500)
  @Validate(BelowDeliveryConcurrency)
  FEEDS_ENDPOINT_CONCURRENCY: number = 16;

  /** How often an idle instance looks for due deliveries. */
  @IsOptional() @IsInt() @Min(20) @Max(60_000)
  FEEDS_POLL_INTERVAL_MS: number = 250;

  /** After a rotation the previous secret keeps signing this long (two signatures). */
  @IsOptional() @IsInt() @Min(0)
  FEEDS_SECRET_OVERLAP_MS: number = 24 * HOUR;

  /** A Retry-After longer than this is capped to it. */
  @IsOptional() @IsInt() @Min(0)
  FEEDS_MAX_RETRY_AFTER_MS: number = 24 * HOUR;

  /**
   * An endpoint whose every attempt failed for this long, with deliveries to retry all
   * along, is disabled (an operational event says so). A run of failures ends with a
   * success, or once the endpoint has nothing left to retry.
   */
  @IsOptional() @IsInt() @Min(1_000)
  FEEDS_DISABLE_AFTER_FAILING_MS: number = 5 * DAY;

  /**
   * Webhooks per second to one endpoint, across all instances (the pace is kept in
   * Postgres). Deliveries beyond it wait their turn; none is dropped.
   */
  @IsOptional() @IsNumber() @Min(0.1) @Max(10_000)
  FEEDS_ENDPOINT_RATE_PER_SECOND: number = 200;

  /** Feed events (and their deliveries and attempt log) older than this are deleted. */
  @IsOptional() @IsInt() @Min(60_000)
  FEEDS_RETENTION_MS: number = 30 * DAY;

  /** How often an instance deletes what is past retention. */
  @IsOptional() @IsInt() @Min(100)
  FEEDS_RETENTION_SWEEP_MS: number = HOUR;

  get retryScheduleMs(): number[] {
    return this.FEEDS_RETRY_SCHEDULE_MS.split(',').map(Number);
  }
}

// Required here (the platform's are optional): a new webhook secret goes back sealed to
// the gateway's public key, as the reply topic is written to the broker's disk
// (partners/sealed-secret-reply.ts). ValidateIf replaces the platform's condition
// (class-validator keeps a subclass's condition on a property over its parent's); the
// platform's format check still applies. The feeds service holds no private key of the
// gateway's or the alerts service's: nothing in its configuration opens a child's record.
ValidateIf(() => true)(FeedsConfig.prototype, 'CPX_GATEWAY_SEALING_KEYS');
IsDefined({ message: 'is required: new webhook secrets go back sealed to the gateway' })(FeedsConfig.prototype, 'CPX_GATEWAY_SEALING_KEYS');
ValidateIf(() => true)(FeedsConfig.prototype, 'CPX_GATEWAY_SEALING_KEY_ID');
IsListedKeyId('CPX_GATEWAY_SEALING_KEYS')(FeedsConfig.prototype, 'CPX_GATEWAY_SEALING_KEY_ID');
