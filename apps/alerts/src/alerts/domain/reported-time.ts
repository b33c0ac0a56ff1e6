/**
 * Times a caller reports about a child (when last known somewhere, when seen): a real
 * moment, not in the future beyond the skew between the caller's clock and ours, and not
 * before the child could have been there. Violations name the field; a time that gets
 * through is one Postgres and every reader can take.
 */
import { DomainError } from '@cpx/platform';

/** A caller's clock may run a little ahead of ours; more than this is a mistake. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** CPX alerts are about children under 18. */
const CHILDHOOD_YEARS = 18;

export interface TimeBounds {
  now: Date;
  /** The earliest time that makes sense, and what it is, for the message. */
  earliest: Date;
  earliestIs: string;
}

export function checkReportedTime(at: Date, field: string, bounds: TimeBounds): void {
  if (Number.isNaN(at.getTime())) throw DomainError.badInput(field, `${field} is not a valid time.`);
  if (at.getTime() > bounds.now.getTime() + CLOCK_SKEW_MS) throw DomainError.badInput(field, `${field} is in the future.`);
  if (at.getTime() < bounds.earliest.getTime()) throw DomainError.badInput(field, `${field} is before ${bounds.earliestIs}.`);
}

/** A child under 18 at `at` was born after this. */
export function bornAfter(at: Date): Date {
  const earliest = new Date(at);
  earliest.setUTCFullYear(earliest.getUTCFullYear() - CHILDHOOD_YEARS);
  return earliest;
}

export const BEFORE_BIRTH = 'the child was born (alerts are about children under 18)';
