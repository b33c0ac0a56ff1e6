/**
 * The cursors of the two alert lists: the alert list (newest first, keyed by posting
 * time) and the inbox (most overdue first, keyed by deadline). Both keys are a time and
 * an alert id, so each cursor names its list: one list's cursor handed to the other is
 * refused instead of silently paging by the wrong key. Every part is checked before it
 * reaches SQL: a forged cursor is the caller's input error, never a database error.
 */
import { decodeCursor, DomainError, encodeCursor } from '@cpx/platform';

export type AlertList = 'alerts' | 'inbox';

/** Where a page ends: the sort time of its last alert (posted at, or deadline) and its id. */
export interface AlertKey {
  at: Date;
  id: string;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function alertCursor(list: AlertList, key: AlertKey): string {
  return encodeCursor([list, key.at.toISOString(), key.id]);
}

/** The key a cursor of this list names; undefined for none (the first page). */
export function alertKeyOf(list: AlertList, cursor: string | undefined, field = 'after'): AlertKey | undefined {
  if (!cursor) return undefined;
  const [tag, at, id, ...rest] = decodeCursor(cursor, field);
  if (tag !== list || typeof at !== 'string' || typeof id !== 'string' || rest.length > 0 || !UUID.test(id) || !isInstant(at)) {
    throw DomainError.badInput(field, `${field}: the cursor is not one this list issued.`);
  }
  return { at: new Date(at), id };
}

/** Exactly as toISOString writes it, and a real moment (no 2026-02-30). */
function isInstant(value: string): boolean {
  if (!ISO_INSTANT.test(value)) return false;
  const date = new Date(value);
  return !Number.isNaN(date.getTime()) && date.toISOString() === value;
}
