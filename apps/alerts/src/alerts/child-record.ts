/**
 * Rules for the child's record across its fields (a child is under 18, a birth date is a
 * real date and not in the future, an age range is ordered, the last-known time is neither
 * in the future nor before the child was born, a photo is a small image): the contracts' one
 * rule set (@cpx/contracts childRecordViolation), which the gateway runs too. Violations name
 * the field; values are never echoed back.
 */
import { childRecordViolation, type ChildRecordFacts } from '@cpx/contracts';
import { DomainError } from '@cpx/platform';

export function checkChildRecord(
  child: Pick<ChildRecordFacts, 'dateOfBirth' | 'estimatedAge' | 'lastKnownAt' | 'photoContentType'> & { photo: Uint8Array },
  now: Date,
  maxPhotoBytes: number,
): void {
  const facts: ChildRecordFacts = {
    givenNames: [],
    familyNames: [],
    aliases: [],
    sex: 'UNKNOWN',
    nationalities: [],
    languages: [],
    distinguishingFeatures: '',
    lastKnownPlace: '',
    ...child,
    photoBytes: child.photo.length,
  };
  const violation = childRecordViolation(facts, { now, maxPhotoBytes });
  if (violation) throw DomainError.badInput(violation.field, violation.message);
}
