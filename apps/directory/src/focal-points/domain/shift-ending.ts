/**
 * When a shift ends if an admin ends it now. A running shift ends at once; one that has
 * not begun is cancelled: it ends where it starts, an empty window that routes nothing
 * and still says who was planned when. A shift already over (it ran out, or was ended or
 * cancelled before) has nothing left to end: ending it again is a no-op, so a retried
 * request is harmless and publishes nothing twice.
 */
export function endingOf(shift: { startsAt: Date; endsAt: Date }, now: Date): Date | undefined {
  const end = shift.startsAt > now ? shift.startsAt : now;
  return end < shift.endsAt ? end : undefined;
}
