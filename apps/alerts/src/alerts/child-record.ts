/**
 * Rules for the child's record that a field validator cannot express: a child is under
 * 18, a birth date is a real date and not in the future, an age range is ordered, the
 * last-known time is neither in the future nor before the child was born, a photo is a
 * small image. Violations name the field; values are never echoed back.
 */
import { DomainError } from '@cpx/platform';
import { BEFORE_BIRTH, bornAfter, checkReportedTime } from './domain/reported-time';

const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
/** A date of birth is a local date: in the furthest time zone ahead (UTC+14) it starts this much before UTC midnight. */
const LATEST_UTC_OFFSET_MS = 14 * 3_600_000;

export function checkChildRecord(
  child: {
    dateOfBirth?: string;
    estimatedAge?: { minYears: number; maxYears: number };
    lastKnownAt?: Date;
    photo: Uint8Array;
    photoContentType: string;
  },
  now: Date,
  maxPhotoBytes: number,
): void {
  if (child.dateOfBirth) {
    const born = new Date(`${child.dateOfBirth}T00:00:00Z`);
    if (Number.isNaN(born.getTime()) || born.toISOString().slice(0, 10) !== child.dateOfBirth) {
      throw DomainError.badInput('input.child.dateOfBirth', 'input.child.dateOfBirth is not a real date.');
    }
    if (born.getTime() > now.getTime()) {
      throw DomainError.badInput('input.child.dateOfBirth', 'input.child.dateOfBirth is in the future.');
    }
    const eighteenth = new Date(born);
    eighteenth.setUTCFullYear(born.getUTCFullYear() + 18);
    if (eighteenth.getTime() <= now.getTime()) {
      throw DomainError.badInput('input.child.dateOfBirth', 'input.child.dateOfBirth: CPX alerts are about children (under 18).');
    }
  }
  if (child.estimatedAge && child.estimatedAge.minYears > child.estimatedAge.maxYears) {
    throw DomainError.badInput('input.child.estimatedAge', 'input.child.estimatedAge: minYears must not exceed maxYears.');
  }
  if (!child.dateOfBirth && !child.estimatedAge) {
    throw DomainError.badInput('input.child.estimatedAge', 'Give the child’s date of birth or an estimated age range.');
  }
  if (child.lastKnownAt) {
    checkReportedTime(
      child.lastKnownAt,
      'input.child.lastKnownAt',
      child.dateOfBirth
        ? { now, earliest: new Date(Date.parse(`${child.dateOfBirth}T00:00:00Z`) - LATEST_UTC_OFFSET_MS), earliestIs: 'the child’s date of birth' }
        : { now, earliest: bornAfter(now), earliestIs: BEFORE_BIRTH },
    );
  }
  if (child.photo.length > 0) {
    if (child.photo.length > maxPhotoBytes) {
      throw DomainError.badInput('input.child.photo', `input.child.photo is larger than ${maxPhotoBytes} bytes.`);
    }
    if (!PHOTO_TYPES.includes(child.photoContentType)) {
      throw DomainError.badInput('input.child.photoContentType', `input.child.photoContentType must be one of ${PHOTO_TYPES.join(', ')}.`);
    }
  }
}
