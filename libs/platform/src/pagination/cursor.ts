/**
 * Opaque Relay cursors. A cursor is the sort key of the last row seen, so pages stay
 * stable while rows are added (keyset pagination, no OFFSET). Callers must not parse
 * them; a cursor that does not decode is the caller's input error.
 */
import { DomainError } from '../errors/domain-error';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, field = 'after'): (string | number)[] {
  if (!cursor) return [];
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.every((part) => typeof part === 'string' || typeof part === 'number')) {
      return key as (string | number)[];
    }
  } catch {
    // falls through to the typed error
  }
  throw DomainError.badInput(field, 'The cursor is not one this API issued.');
}

export function pageSize(first: number | undefined, field = 'first'): number {
  if (first === undefined || first === 0) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw DomainError.badInput(field, `first must be between 1 and ${MAX_PAGE_SIZE}.`);
  }
  return first;
}
