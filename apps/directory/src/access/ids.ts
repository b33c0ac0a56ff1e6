/** Ids are UUIDs; anything else is the caller's input error, never a database error. */
import { DomainError } from '@cpx/platform';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function requireId(value: string, field: string): string {
  if (!UUID.test(value)) throw DomainError.badInput(field, `${field} must be an id issued by CPX.`);
  return value.toLowerCase();
}
