/**
 * A published practice is due for re-review 24 months after it was published (or last
 * re-reviewed): laws, services and evidence change, and a protocol that was right two
 * years ago may now send a child the wrong way. Calendar months in UTC, so 31 January is
 * due on 31 January two years later, and 29 February on 28 February when that year has no
 * 29th (never drifting into March).
 */
export const RE_REVIEW_MONTHS = 24;

export function reviewDueAt(from: Date, months = RE_REVIEW_MONTHS): Date {
  const year = from.getUTCFullYear();
  const month = from.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const due = new Date(from.getTime());
  due.setUTCFullYear(year, month, Math.min(from.getUTCDate(), lastDay));
  return due;
}

export interface ReviewDates {
  readonly reviewDueAt: Date;
  /** The due date a "review due" event was already sent for, so it is sent once per due date. */
  readonly reviewDueAnnouncedFor?: Date;
}

export function isReviewDue(practice: ReviewDates, now: Date): boolean {
  return now.getTime() >= practice.reviewDueAt.getTime();
}

/** True exactly once per due date: when it has passed and no event has been sent for it. */
export function reviewDueToAnnounce(practice: ReviewDates, now: Date): boolean {
  return isReviewDue(practice, now) && practice.reviewDueAnnouncedFor?.getTime() !== practice.reviewDueAt.getTime();
}

/** The curators' queue: due practices, the longest overdue first, ties by id for a stable page. */
export function reReviewQueue<T extends ReviewDates & { readonly id: string }>(practices: readonly T[], now: Date): T[] {
  return practices
    .filter((practice) => isReviewDue(practice, now))
    .sort((a, b) => a.reviewDueAt.getTime() - b.reviewDueAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
