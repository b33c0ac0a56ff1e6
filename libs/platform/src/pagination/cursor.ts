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

/** What one part of a keyset cursor must be, so that nothing else reaches the SQL. */
export type KeyPart = 'text' | 'uuid';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A NUL or other control character cannot come from a row we sorted on.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001F\u007F]/;

/**
 * A keyset cursor of a known shape: [] when there is none, else exactly `shape.length`
 * strings, each of its kind. A cursor of another list (another shape) or a forged one is
 * the caller's input error, never a query that fails in Postgres or silently pages from
 * the start.
 */
export function decodeKeyCursor(cursor: string, shape: readonly KeyPart[], field = 'after'): string[] {
  const key = decodeCursor(cursor, field);
  if (key.length === 0 && !cursor) return [];
  const valid =
    key.length === shape.length &&
    key.every((part, index) => typeof part === 'string' && !CONTROL.test(part) && (shape[index] !== 'uuid' || UUID.test(part)));
  if (!valid) throw DomainError.badInput(field, 'The cursor is not one this API issued.');
  return key as string[];
}
