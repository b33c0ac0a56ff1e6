/**
 * What the feeds service's cursors carry: one row position, a Postgres bigint (the pull
 * feed's feed_event.sequence, the attempt log's delivery_attempt.id) as decimal text.
 * A cursor comes back from the caller, so it is checked against the column's range here:
 * a forged one past it would otherwise fail the query (22003, out of range) as an
 * internal error rather than as the caller's input.
 */
import { decodeCursor, DomainError } from '@cpx/platform';

const MAX_BIGINT = 9_223_372_036_854_775_807n;

/** Past every position: where a list read newest first starts. */
export const LAST_POSITION = MAX_BIGINT.toString();

export function cursorPosition(cursor: string, field: string): string {
  const [position, ...rest] = decodeCursor(cursor, field);
  if (typeof position !== 'string' || !/^\d{1,19}$/.test(position) || BigInt(position) > MAX_BIGINT || rest.length > 0) {
    throw DomainError.badInput(field, 'The cursor is not one this API issued.');
  }
  return position;
}
