/**
 * Times a caller reports about a child (when last known somewhere, when seen): a real
 * moment, not in the future beyond the skew between the caller's clock and ours, and not
 * before the child could have been there. Violations name the field; a time that gets
 * through is one Postgres and every reader can take. The rule is the contracts' (it is one
 * of the child's record's), read by the gateway too.
 */
import { reportedTimeViolation, type TimeBounds } from '@cpx/contracts';
import { DomainError } from '@cpx/platform';

export { BEFORE_BIRTH, bornAfter, CLOCK_SKEW_MS, type TimeBounds } from '@cpx/contracts';

export function checkReportedTime(at: Date, field: string, bounds: TimeBounds): void {
  const violation = reportedTimeViolation(at, field, bounds);
  if (violation) throw DomainError.badInput(violation.field, violation.message);
}
