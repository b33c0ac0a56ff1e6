/**
 * Which on-duty windows may be scheduled: one that ends after it starts, lasts at most
 * 31 days (a mistaken shift routes alerts to its professional until it runs out, or an
 * admin ends it), and is not already over. The answer is what is wrong, for the field
 * input.endsAt, or nothing.
 */
export const MAX_SHIFT_MS = 31 * 24 * 3_600_000;

export function shiftWindowProblem(window: { startsAt: Date; endsAt: Date }, now: Date): string | undefined {
  if (!(window.endsAt > window.startsAt)) return 'A shift must end after it starts.';
  if (window.endsAt.getTime() - window.startsAt.getTime() > MAX_SHIFT_MS) return 'A shift lasts at most 31 days.';
  if (window.endsAt.getTime() <= now.getTime()) return 'The shift is already over.';
  return undefined;
}
