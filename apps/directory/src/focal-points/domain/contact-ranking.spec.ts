import { ANY_KIND } from '../alert-kinds';
import { rankCandidates, type RankedFocalPoint, type RankedShift } from './contact-ranking';

interface Person {
  id: string;
  familyName: string;
  status: string;
}

const NOW = Date.parse('2025-06-01T10:00:00Z');
const hours = (count: number) => new Date(NOW + count * 3_600_000);
const KIND = 'UNACCOMPANIED_MINOR';

let sequence = 0;
const person = (name: string): Person => ({ id: `p-${name}`, familyName: name, status: 'VERIFIED' });
const shift = (who: Person, alertKind: string, endsAt: Date): RankedShift & { country: string; startsAt: Date } =>
  ({ id: `s-${(sequence += 1)}`, professionalId: who.id, country: 'RS', alertKind, startsAt: hours(-1), endsAt });
const focalPoint = (who: Person, alertKind: string, createdAt: Date): RankedFocalPoint & { country: string } =>
  ({ id: `f-${(sequence += 1)}`, professionalId: who.id, country: 'RS', alertKind, createdAt });

function ranked(input: { shifts?: RankedShift[]; focalPoints?: RankedFocalPoint[]; people: Person[]; alertKind?: string }) {
  return rankCandidates({
    alertKind: input.alertKind ?? KIND,
    shifts: input.shifts ?? [],
    focalPoints: input.focalPoints ?? [],
    people: new Map(input.people.map((p) => [p.id, p])),
  }).map((candidate) => [candidate.professional.familyName, candidate.reason]);
}

describe('whom to contact, most specific first', () => {
  it('puts those on duty for this kind before those on duty for every kind, however long their shifts', () => {
    const general = person('general');
    const specialist = person('specialist');
    const shifts = [shift(general, ANY_KIND, hours(8)), shift(specialist, KIND, hours(1))];
    expect(ranked({ shifts, people: [general, specialist] })).toEqual([
      ['specialist', 'ON_DUTY'],
      ['general', 'ON_DUTY'],
    ]);
  });

  it('puts focal points for this kind before focal points for every kind, however long they have served', () => {
    const general = person('general');
    const specialist = person('specialist');
    const focalPoints = [focalPoint(general, ANY_KIND, hours(-1000)), focalPoint(specialist, KIND, hours(-1))];
    expect(ranked({ focalPoints, people: [general, specialist] })).toEqual([
      ['specialist', 'FOCAL_POINT'],
      ['general', 'FOCAL_POINT'],
    ]);
  });

  it('still puts anyone on duty before any focal point, and names each person once, at their best rank', () => {
    const onDutyForAny = person('on-duty-any');
    const focalForKind = person('focal-kind');
    const both = person('both');
    const unverified = person('unverified');
    const result = ranked({
      shifts: [shift(onDutyForAny, ANY_KIND, hours(2)), shift(both, ANY_KIND, hours(1)), shift(unverified, KIND, hours(3))],
      focalPoints: [focalPoint(focalForKind, KIND, hours(-5)), focalPoint(both, KIND, hours(-9))],
      people: [onDutyForAny, focalForKind, both],
    });
    expect(result).toEqual([
      ['on-duty-any', 'ON_DUTY'],
      ['both', 'ON_DUTY'],
      ['focal-kind', 'FOCAL_POINT'],
    ]);
  });

  it('orders within one rank by the longest shift, then by the longest-serving focal point', () => {
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(person) as [Person, Person, Person, Person];
    expect(
      ranked({
        shifts: [shift(a, KIND, hours(1)), shift(b, KIND, hours(4))],
        focalPoints: [focalPoint(c, KIND, hours(-1)), focalPoint(d, KIND, hours(-2))],
        people: [a, b, c, d],
      }),
    ).toEqual([
      ['b', 'ON_DUTY'],
      ['a', 'ON_DUTY'],
      ['d', 'FOCAL_POINT'],
      ['c', 'FOCAL_POINT'],
    ]);
  });

  it('names the shift that puts someone on duty, so that an admin can end it', () => {
    const onDuty = person('on-duty');
    const focal = person('focal');
    const theirShift = shift(onDuty, KIND, hours(3));
    const candidates = rankCandidates({
      alertKind: KIND,
      shifts: [theirShift],
      focalPoints: [focalPoint(focal, KIND, hours(-1))],
      people: new Map([onDuty, focal].map((p) => [p.id, p])),
    });
    expect(candidates.map(({ reason, shiftId, shiftEndsAt }) => ({ reason, shiftId, shiftEndsAt }))).toEqual([
      { reason: 'ON_DUTY', shiftId: theirShift.id, shiftEndsAt: hours(3) },
      { reason: 'FOCAL_POINT', shiftId: undefined, shiftEndsAt: undefined },
    ]);
  });
});
