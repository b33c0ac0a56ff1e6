/**
 * The order in which "whom do I contact" names people, most specific first. People on
 * duty at that instant come before the standing focal points: they are awake and
 * answering. Within each group, someone named for this kind of alert comes before
 * someone named for every kind (ANY): the contact for unaccompanied minors knows that
 * procedure, the general contact may only pass the alert on. Then shifts that run
 * longest, focal points named longest ago. Each person is named once, at their best
 * rank, and only when verified (`people` holds the verified ones).
 */

/** A shift as ranking reads it. */
export interface RankedShift {
  id: string;
  professionalId: string;
  alertKind: string;
  endsAt: Date;
}

/** A focal point as ranking reads it. */
export interface RankedFocalPoint {
  id: string;
  professionalId: string;
  alertKind: string;
  createdAt: Date;
}

export interface Candidate<Person> {
  professional: Person;
  reason: 'ON_DUTY' | 'FOCAL_POINT';
  shiftEndsAt?: Date;
  /** The shift that puts them on duty: what an admin ends when it was a mistake. */
  shiftId?: string;
}

export function rankCandidates<Person>(input: {
  alertKind: string;
  shifts: readonly RankedShift[];
  focalPoints: readonly RankedFocalPoint[];
  people: ReadonlyMap<string, Person>;
}): Candidate<Person>[] {
  const forThisKind = (named: { alertKind: string }) => (named.alertKind === input.alertKind ? 0 : 1);
  const shifts = [...input.shifts].sort(
    (a, b) => forThisKind(a) - forThisKind(b) || b.endsAt.getTime() - a.endsAt.getTime() || a.id.localeCompare(b.id),
  );
  const focalPoints = [...input.focalPoints].sort(
    (a, b) => forThisKind(a) - forThisKind(b) || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id),
  );
  const candidates: Candidate<Person>[] = [];
  const named = new Set<string>();
  const name = (professionalId: string, candidate: Omit<Candidate<Person>, 'professional'>) => {
    const professional = input.people.get(professionalId);
    if (!professional || named.has(professionalId)) return;
    named.add(professionalId);
    candidates.push({ professional, ...candidate });
  };
  for (const shift of shifts) name(shift.professionalId, { reason: 'ON_DUTY', shiftEndsAt: shift.endsAt, shiftId: shift.id });
  for (const focalPoint of focalPoints) name(focalPoint.professionalId, { reason: 'FOCAL_POINT' });
  return candidates;
}
