/**
 * The service's own rules for what a partner or a subscription may ask for (the gateway
 * checks first, not only): those that name an entry of a list (`input.countries.2`), that
 * depend on the endpoint policy, or on the partner. The commands (register-partner,
 * create-subscription, update-subscription) check the shape and sizes through
 * validateInput, then these.
 */
import { PayloadMode } from '@cpx/contracts';
import { DomainError } from '@cpx/platform';
import { isKnownPattern } from '../../feed/domain/event-filter';
import type { WebhookPayloadMode } from './payload-mode';
import { webhookUrlProblem, type EndpointPolicy } from './webhook-url';

const COUNTRY = /^[A-Z]{2}$/;
export const MAX_COUNTRIES = 60;
export const MAX_EVENT_TYPES = 30;
/** As the gateway's (and the alerts service's) idempotency keys. */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

/** ISO 3166-1 alpha-2 codes, each named by its index when it is not one; sorted, once each. */
export function requireCountries(values: string[], field: string): string[] {
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
export function requireCountriesOfPartner(countries: string[], partner: { countries: string[] }, field: string): string[] {
  if (partner.countries.length === 0) return countries;
  const outside = countries.filter((country) => !partner.countries.includes(country));
  if (outside.length > 0) throw DomainError.badInput(field, `${field}: this partner may not receive events about ${outside.join(', ')}.`);
  return countries.length === 0 ? partner.countries : countries;
}

/** Event types CPX publishes, or a family such as cpx.alerts.v1.*, each named by its index when it is not; sorted, once each. */
export function requireEventTypes(values: string[], field: string): string[] {
  values.forEach((value, index) => {
    if (!isKnownPattern(value)) {
      throw DomainError.badInput(`${field}.${index}`, `${field} must contain event types CPX publishes, or a family such as cpx.alerts.v1.*.`);
    }
  });
  return [...new Set(values)].sort();
}

/** Empty: no endpoint (null). Otherwise a URL the policy allows (webhook-url.ts). */
export function requireWebhookUrl(value: string, policy: EndpointPolicy, field: string): string | null {
  if (value === '') return null;
  const problem = webhookUrlProblem(value, policy);
  if (problem) throw DomainError.badInput(field, `${field} ${problem}.`);
  return value;
}

/**
 * THIN unless FULL is asked for; a value this service does not know stays as it is, for
 * the command to refuse as the caller's error, not a default.
 */
export function payloadModeOf(value: unknown): WebhookPayloadMode | unknown {
  switch (value) {
    case PayloadMode.UNSPECIFIED:
    case PayloadMode.THIN:
      return 'THIN';
    case PayloadMode.FULL:
      return 'FULL';
    default:
      return value;
  }
}
