/**
 * Opaque Relay cursors. A cursor is the sort key of the last row seen, so pages stay
 * stable while rows are added (keyset pagination, no OFFSET). Callers must not parse
 * them; a cursor that does not decode is the caller's input error.
 */
import { DomainError } from '../errors/domain-error';
import { forbiddenCharacterIn } from '../validation/plain-text';

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

/**
 * What one part of a keyset cursor must be, so that nothing else reaches the SQL: text
 * (no character a row we sorted on cannot hold), a uuid, or a position (a Postgres bigint
 * as decimal text, within the column's range: past it the query fails with 22003).
 */
export type KeyPart = 'text' | 'uuid' | 'position';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const POSITION = /^\d{1,19}$/;
/** The largest bigint: past every position. */
export const LAST_POSITION = '9223372036854775807';

function isKeyPart(part: string | number, kind: KeyPart): boolean {
  if (typeof part !== 'string' || forbiddenCharacterIn(part)) return false;
  if (kind === 'uuid') return UUID.test(part);
  if (kind === 'position') return POSITION.test(part) && BigInt(part) <= BigInt(LAST_POSITION);
  return true;
}

/**
 * A keyset cursor of a known shape: [] when there is none, else exactly `shape.length`
 * strings, each of its kind. A cursor of another list (another shape) or a forged one is
 * the caller's input error, never a query that fails in Postgres or silently pages from
 * the start.
 */
export function decodeKeyCursor(cursor: string, shape: readonly KeyPart[], field = 'after'): string[] {
  const key = decodeCursor(cursor, field);
  if (key.length === 0 && !cursor) return [];
  const valid = key.length === shape.length && key.every((part, index) => isKeyPart(part, shape[index]!));
  if (!valid) throw DomainError.badInput(field, 'The cursor is not one this API issued.');
  return key as string[];
}
