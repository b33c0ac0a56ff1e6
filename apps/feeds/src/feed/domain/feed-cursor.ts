/**
 * The pull feed's cursor: the feed sequence (CPX's own order) of the last event read,
 * opaque to partners. Its format lives here only: the pull feed reads after a cursor, and
 * a THIN webhook points at its event with the cursor just before it.
 */
import { decodeCursor, DomainError, encodeCursor } from '@cpx/platform';

/** The cursor of the event at this sequence: reading after it gives the events that follow. */
export function feedCursor(sequence: string): string {
  return encodeCursor([sequence]);
}

/**
 * The cursor just before the event at this sequence: reading after it, the first event of
 * the partner's feed is this one (while the feed holds it and a subscription wants it).
 */
export function feedCursorBefore(sequence: string): string {
  return feedCursor((BigInt(sequence) - 1n).toString());
}

/** The sequence a cursor names; '0' (before every event) for none. */
export function sequenceOf(cursor: string, field: string): string {
  if (!cursor) return '0';
  const [sequence, ...rest] = decodeCursor(cursor, field);
  if (typeof sequence !== 'string' || !/^\d{1,19}$/.test(sequence) || rest.length > 0) {
    throw DomainError.badInput(field, 'The cursor is not one this API issued.');
  }
  return sequence;
}
