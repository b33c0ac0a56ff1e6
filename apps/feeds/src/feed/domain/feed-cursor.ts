/**
 * The pull feed's cursor: the feed sequence (CPX's own order) of the last event read,
 * opaque to partners. Its format lives here only (a row position, checked as
 * pagination/cursor-position.ts says): the pull feed reads after a cursor, and a THIN
 * webhook points at its event with the cursor just before it.
 */
import { encodeCursor } from '@cpx/platform';
import { cursorPosition } from '../../pagination/cursor-position';

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
  return cursor ? cursorPosition(cursor, field) : '0';
}
