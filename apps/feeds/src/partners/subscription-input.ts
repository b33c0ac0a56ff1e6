/** The service's own check of subscription input (the gateway checks first, not only). */
import { PayloadMode } from '@cpx/contracts';
import { DomainError } from '@cpx/platform';
import type { WebhookPayloadMode } from './domain/payload-mode';
import { isKnownPattern } from '../feed/domain/event-filter';
import { webhookUrlProblem, type EndpointPolicy } from './domain/webhook-url';
import type { PartnerRow } from './partner.store';

const COUNTRY = /^[A-Z]{2}$/;
const MAX_COUNTRIES = 60;
const MAX_EVENT_TYPES = 30;
/** As the gateway's (and the alerts service's) idempotency keys. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

export function requireCountries(values: string[], field: string): string[] {
  if (values.length > MAX_COUNTRIES) throw DomainError.badInput(field, `${field} must have at most ${MAX_COUNTRIES} entries.`);
  values.forEach((value, index) => {
    if (!COUNTRY.test(value)) throw DomainError.badInput(`${field}.${index}`, `${field} must contain ISO 3166-1 alpha-2 codes.`);
  });
  return [...new Set(values)].sort();
}

/**
 * The countries a subscription of this partner gets: a partner limited to some countries
 * gets only those, so the countries asked for must be among them, and none means all of
 * the partner's.
 */
export function requireCountriesOfPartner(countries: string[], partner: Pick<PartnerRow, 'countries'>, field: string): string[] {
  if (partner.countries.length === 0) return countries;
  const outside = countries.filter((country) => !partner.countries.includes(country));
  if (outside.length > 0) throw DomainError.badInput(field, `${field}: this partner may not receive events about ${outside.join(', ')}.`);
  return countries.length === 0 ? partner.countries : countries;
}

export function requireEventTypes(values: string[], field: string): string[] {
  if (values.length < 1 || values.length > MAX_EVENT_TYPES) {
    throw DomainError.badInput(field, `${field} must have 1 to ${MAX_EVENT_TYPES} entries.`);
  }
  values.forEach((value, index) => {
    if (!isKnownPattern(value)) {
      throw DomainError.badInput(`${field}.${index}`, `${field} must contain event types CPX publishes, or a family such as cpx.alerts.v1.*.`);
    }
  });
  return [...new Set(values)].sort();
}

export function requireWebhookUrl(value: string, policy: EndpointPolicy, field: string): string | null {
  if (value === '') return null;
  const problem = webhookUrlProblem(value, policy);
  if (problem) throw DomainError.badInput(field, `${field} ${problem}.`);
  return value;
}

/** Empty: none (null). */
export function requireIdempotencyKey(value: string, field: string): string | null {
  if (value === '') return null;
  if (!IDEMPOTENCY_KEY.test(value)) throw DomainError.badInput(field, `${field} must be 8 to 128 characters among letters, digits, "_" and "-".`);
  return value;
}

/** THIN unless FULL is asked for; a value this service does not know is the caller's error, not a default. */
export function requirePayloadMode(value: PayloadMode, field: string): WebhookPayloadMode {
  switch (value) {
    case PayloadMode.UNSPECIFIED:
    case PayloadMode.THIN:
      return 'THIN';
    case PayloadMode.FULL:
      return 'FULL';
    default:
      throw DomainError.badInput(field, `${field} must be THIN or FULL.`);
  }
}
