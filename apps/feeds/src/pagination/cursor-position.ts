/**
 * What the feeds service's cursors carry: one row position, a Postgres bigint (the pull
 * feed's feed_event.sequence, the attempt log's delivery_attempt.id) as decimal text.
 * A cursor comes back from the caller, so it is checked against the column's range here:
 * a forged one past it would otherwise fail the query (22003, out of range) as an
 * internal error rather than as the caller's input.
 */
import { decodeKeyCursor, LAST_POSITION } from '@cpx/platform';

/** Past every position: where a list read newest first starts. */
export { LAST_POSITION };

export function cursorPosition(cursor: string, field: string): string {
  return decodeKeyCursor(cursor, ['position'], field)[0]!;
}
