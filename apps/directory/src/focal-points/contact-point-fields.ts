/** Checks the commands on focal points and shifts share, naming the field refused. */
import { COUNTRY_CODE, DomainError } from '@cpx/platform';
import { isKnownAlertKind, storedAlertKind } from './alert-kinds';

export function requireCountry(value: string, field: string): string {
  if (!COUNTRY_CODE.test(value)) throw DomainError.badInput(field, `${field} must be an ISO 3166-1 alpha-2 code such as RS.`);
  return value;
}

/** A known alert kind, as stored (UNSPECIFIED is ANY: every kind). */
export function requireKind(value: number, field: string): string {
  if (!isKnownAlertKind(value)) throw DomainError.badInput(field, `${field} is not a known alert kind.`);
  return storedAlertKind(value);
}
