/**
 * class-validator at a service's edge: a handler turns the decoded request into a
 * command class and validates it here. The first failure becomes BAD_USER_INPUT naming
 * the field, so the caller learns exactly what to fix and nothing is written.
 */
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { DomainError } from '../errors/domain-error';

/**
 * `fieldPrefix` is the argument the fields belong to (`input` -> `input.name`); `''` names a
 * command's fields as top-level arguments (`reason`, `purpose`).
 */
export function validateInput<T extends object>(schema: new () => T, plain: object, fieldPrefix = 'input'): T {
  const value = plainToInstance(schema, plain);
  const errors = validateSync(value, { forbidUnknownValues: true, whitelist: false });
  const first = firstFailure(errors, fieldPrefix);
  if (first) throw DomainError.badInput(first.field, first.message);
  return value;
}

function firstFailure(errors: ValidationError[], path: string): { field: string; message: string } | undefined {
  for (const error of errors) {
    const field = path ? `${path}.${error.property}` : error.property;
    const constraint = Object.values(error.constraints ?? {})[0];
    if (constraint) return { field, message: `${field}: ${constraint.replace(error.property, '').trim()}` };
    const nested = firstFailure(error.children ?? [], field);
    if (nested) return nested;
  }
  return undefined;
}

// The field shapes both the gateway and the services check are declared in the contracts.
export { COUNTRY_CODE, LANGUAGE_TAG, NOT_BLANK } from '@cpx/contracts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else is the caller's input error, never a database error. */
export function requireId(value: string, field = 'id'): string {
  if (!UUID.test(value)) throw DomainError.badInput(field, `${field} must be an id issued by CPX.`);
  return value.toLowerCase();
}
