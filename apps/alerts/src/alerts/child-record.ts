/**
 * Rules for the child's record that a field validator cannot express: a child is under
 * 18, a birth date is a real date and not in the future, an age range is ordered, a
 * photo is a small image. Violations name the field; values are never echoed back.
 */
import { DomainError } from '@cpx/platform';

const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

export function checkChildRecord(
  child: {
    dateOfBirth?: string;
    estimatedAge?: { minYears: number; maxYears: number };
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
  if (child.photo.length > 0) {
    if (child.photo.length > maxPhotoBytes) {
      throw DomainError.badInput('input.child.photo', `input.child.photo is larger than ${maxPhotoBytes} bytes.`);
    }
    if (!PHOTO_TYPES.includes(child.photoContentType)) {
      throw DomainError.badInput('input.child.photoContentType', `input.child.photoContentType must be one of ${PHOTO_TYPES.join(', ')}.`);
    }
  }
}
