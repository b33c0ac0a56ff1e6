/**
 * The rules of a posted alert and its child's record, one rule set for both sides of the
 * wire: the gateway checks a post with it for its user's sake (the first violation becomes
 * a typed GraphQL error naming the field), and the alerts service checks the same post
 * again, with the same code, for its own safety (it trusts no caller). Pure functions over
 * the post as both sides hold it once decoded; what only one side can check stays there
 * (the gateway: the photo's base64 and GraphQL's types; the service: names in texts,
 * @cpx/names, which the contracts do not import).
 *
 * A violation names the field as the caller wrote it (`input.child.dateOfBirth`), and its
 * message starts with that path; a message never echoes the value, which may be a child's name.
 */
import { COUNTRY_CODE, IDEMPOTENCY_KEY, LANGUAGE_TAG, MAX_LIST_LENGTH, MAX_NAME_LENGTH, MAX_TEXT_LENGTH, NOT_BLANK } from './field-limits';

export const MAX_TARGET_COUNTRIES = 20;
export const MAX_TARGET_AGENCY_TYPES = 10;
export const MAX_TITLE_LENGTH = MAX_NAME_LENGTH;
export const MAX_SUMMARY_LENGTH = 10_000;
export const MAX_UPDATE_TEXT_LENGTH = 10_000;
export const MAX_REASON_LENGTH = 2_000;
export const MIN_PURPOSE_LENGTH = 10;
export const MAX_PURPOSE_LENGTH = 500;
export const MAX_CHILD_AGE = 17;
/** CPX alerts are about children under 18. */
export const CHILDHOOD_YEARS = MAX_CHILD_AGE + 1;
export const MAX_CHILD_NAMES = MAX_LIST_LENGTH;
export const MAX_CHILD_NATIONALITIES = 5;
export const MAX_CHILD_LANGUAGES = MAX_LIST_LENGTH;
export const MAX_DISTINGUISHING_FEATURES_LENGTH = MAX_TEXT_LENGTH;
export const MAX_LAST_KNOWN_PLACE_LENGTH = MAX_NAME_LENGTH;
export const MAX_PHOTO_CONTENT_TYPE_LENGTH = 50;
/** Decoded bytes; the alerts service's ALERTS_MAX_PHOTO_BYTES default. */
export const MAX_PHOTO_BYTES = 2_000_000;
export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const URGENCIES = ['CRITICAL', 'HIGH', 'NORMAL'] as const;
export const SEXES = ['FEMALE', 'MALE', 'OTHER', 'UNKNOWN'] as const;
/** A caller's clock may run a little ahead of ours; more than this is a mistake. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** A date of birth is a local date: in the furthest time zone ahead (UTC+14) it starts this much before UTC midnight. */
export const LATEST_UTC_OFFSET_MS = 14 * 3_600_000;

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The child's record as both sides hold it decoded: absent values are undefined, the photo is its size. */
export interface ChildRecordFacts {
  givenNames: readonly string[];
  familyNames: readonly string[];
  aliases: readonly string[];
  /** A SEXES name; a caller that leaves it out means UNKNOWN. */
  sex: string;
  dateOfBirth?: string;
  estimatedAge?: { minYears: number; maxYears: number };
  nationalities: readonly string[];
  languages: readonly string[];
  distinguishingFeatures: string;
  lastKnownPlace: string;
  lastKnownAt?: Date;
  /** Decoded bytes of the photo, 0 when there is none. */
  photoBytes: number;
  photoContentType: string;
}

/** A post as both sides hold it decoded (enums by name). */
export interface PostAlertFacts {
  idempotencyKey: string;
  urgency: string;
  originCountry: string;
  targetCountries: readonly string[];
  targetAgencyTypes: readonly string[];
  title: string;
  summary: string;
  child: ChildRecordFacts;
}

export interface InputViolation {
  /** The field at fault as the caller wrote it, e.g. `input.child.dateOfBirth`. */
  field: string;
  message: string;
}

export interface PostAlertLimits {
  now: Date;
  /** The service's ALERTS_MAX_PHOTO_BYTES (MAX_PHOTO_BYTES unless configured). */
  maxPhotoBytes: number;
}

/**
 * The first rule a post breaks: its fields' rules in the order the fields are written (the
 * post's own, then the child's), then the rules across the child's fields; undefined when it
 * keeps them all. The service checks the names in the texts between the two
 * (postAlertFieldViolation, then its name check, then childRecordViolation); the gateway has
 * checked them before.
 */
export function postAlertViolation(post: PostAlertFacts, limits: PostAlertLimits, path = 'input'): InputViolation | undefined {
  return postAlertFieldViolation(post, path) ?? childRecordViolation(post.child, limits, `${path}.child`);
}

/** The first field of a post (the child's fields included) that breaks its own rule, or undefined. */
export function postAlertFieldViolation(post: PostAlertFacts, path = 'input'): InputViolation | undefined {
  const at = (field: string) => `${path}.${field}`;
  return first(
    () => pattern(at('idempotencyKey'), post.idempotencyKey, IDEMPOTENCY_KEY, 'must be 8 to 128 letters, digits, _ or -'),
    () => oneOf(at('urgency'), post.urgency, URGENCIES),
    () => pattern(at('originCountry'), post.originCountry, COUNTRY_CODE, 'must be an ISO 3166-1 alpha-2 code such as RS'),
    () =>
      post.targetCountries.length < 1
        ? violation(at('targetCountries'), 'must name at least one country to alert')
        : listOf(at('targetCountries'), post.targetCountries, MAX_TARGET_COUNTRIES, COUNTRY_CODE, 'must be ISO 3166-1 alpha-2 codes such as FR'),
    () => listOf(at('targetAgencyTypes'), post.targetAgencyTypes, MAX_TARGET_AGENCY_TYPES),
    () => text(at('title'), post.title, 1, MAX_TITLE_LENGTH) ?? pattern(at('title'), post.title, NOT_BLANK, 'must not be blank'),
    () => text(at('summary'), post.summary, 0, MAX_SUMMARY_LENGTH),
    () => childFieldViolation(post.child, at('child')),
  );
}

function childFieldViolation(child: ChildRecordFacts, path: string): InputViolation | undefined {
  const at = (field: string) => `${path}.${field}`;
  return first(
    () =>
      child.givenNames.length === 0 && child.aliases.length === 0
        ? violation(at('givenNames'), 'must have at least one given name when aliases is empty')
        : names(at('givenNames'), child.givenNames),
    () => names(at('familyNames'), child.familyNames),
    () => names(at('aliases'), child.aliases),
    () => oneOf(at('sex'), child.sex, SEXES),
    () => (child.dateOfBirth === undefined ? undefined : pattern(at('dateOfBirth'), child.dateOfBirth, DATE_SHAPE, 'must be a date such as 2014-05-31')),
    () => (child.estimatedAge ? (age(at('estimatedAge.minYears'), child.estimatedAge.minYears) ?? age(at('estimatedAge.maxYears'), child.estimatedAge.maxYears)) : undefined),
    () => listOf(at('nationalities'), child.nationalities, MAX_CHILD_NATIONALITIES, COUNTRY_CODE, 'must be ISO 3166-1 alpha-2 codes'),
    () => listOf(at('languages'), child.languages, MAX_CHILD_LANGUAGES, LANGUAGE_TAG, 'must be BCP 47 tags such as rom'),
    () => text(at('distinguishingFeatures'), child.distinguishingFeatures, 0, MAX_DISTINGUISHING_FEATURES_LENGTH),
    () => text(at('lastKnownPlace'), child.lastKnownPlace, 0, MAX_LAST_KNOWN_PLACE_LENGTH),
    () => text(at('photoContentType'), child.photoContentType, 0, MAX_PHOTO_CONTENT_TYPE_LENGTH),
  );
}

/**
 * The first rule across the child's fields that the record breaks: a child is under 18, a
 * birth date is a real date and not in the future, an age range is ordered, one of the two is
 * given, the last-known time is neither in the future nor before the child was born, a photo
 * is a small image of a known type. Undefined when it keeps them all.
 */
export function childRecordViolation(child: ChildRecordFacts, limits: PostAlertLimits, path = 'input.child'): InputViolation | undefined {
  const at = (field: string) => `${path}.${field}`;
  return first(
    () => birthViolation(child, limits.now, at),
    () => (child.lastKnownAt ? lastKnownAtViolation(child, limits.now, at('lastKnownAt')) : undefined),
    () => photoViolation(child, limits.maxPhotoBytes, at),
  );
}

function birthViolation(child: ChildRecordFacts, now: Date, at: (field: string) => string): InputViolation | undefined {
  if (child.dateOfBirth) {
    const field = at('dateOfBirth');
    const born = new Date(`${child.dateOfBirth}T00:00:00Z`);
    if (Number.isNaN(born.getTime()) || born.toISOString().slice(0, 10) !== child.dateOfBirth) return { field, message: `${field} is not a real date.` };
    if (born.getTime() > now.getTime()) return { field, message: `${field} is in the future.` };
    const adult = new Date(born);
    adult.setUTCFullYear(born.getUTCFullYear() + CHILDHOOD_YEARS);
    if (adult.getTime() <= now.getTime()) return { field, message: `${field}: CPX alerts are about children (under 18).` };
  }
  const range = at('estimatedAge');
  if (child.estimatedAge && child.estimatedAge.minYears > child.estimatedAge.maxYears) {
    return { field: range, message: `${range}: minYears must not exceed maxYears.` };
  }
  if (!child.dateOfBirth && !child.estimatedAge) return { field: range, message: 'Give the child’s date of birth or an estimated age range.' };
  return undefined;
}

function lastKnownAtViolation(child: ChildRecordFacts, now: Date, field: string): InputViolation | undefined {
  const earliest = child.dateOfBirth
    ? { at: new Date(Date.parse(`${child.dateOfBirth}T00:00:00Z`) - LATEST_UTC_OFFSET_MS), is: 'the child’s date of birth' }
    : { at: bornAfter(now), is: BEFORE_BIRTH };
  return reportedTimeViolation(child.lastKnownAt!, field, { now, earliest: earliest.at, earliestIs: earliest.is });
}

function photoViolation(child: ChildRecordFacts, maxPhotoBytes: number, at: (field: string) => string): InputViolation | undefined {
  if (child.photoBytes === 0) return undefined;
  if (child.photoBytes > maxPhotoBytes) return { field: at('photo'), message: `${at('photo')} is larger than ${maxPhotoBytes} bytes.` };
  if (!(PHOTO_CONTENT_TYPES as readonly string[]).includes(child.photoContentType)) {
    return { field: at('photoContentType'), message: `${at('photoContentType')} must be one of ${PHOTO_CONTENT_TYPES.join(', ')}.` };
  }
  return undefined;
}

/** What a time a caller reports about a child (last known somewhere, seen) is measured against. */
export interface TimeBounds {
  now: Date;
  /** The earliest time that makes sense, and what it is, for the message. */
  earliest: Date;
  earliestIs: string;
}

export const BEFORE_BIRTH = 'the child was born (alerts are about children under 18)';

/** A real moment, not in the future beyond CLOCK_SKEW_MS, and not before `earliest`. */
export function reportedTimeViolation(at: Date, field: string, bounds: TimeBounds): InputViolation | undefined {
  if (Number.isNaN(at.getTime())) return { field, message: `${field} is not a valid time.` };
  if (at.getTime() > bounds.now.getTime() + CLOCK_SKEW_MS) return { field, message: `${field} is in the future.` };
  if (at.getTime() < bounds.earliest.getTime()) return { field, message: `${field} is before ${bounds.earliestIs}.` };
  return undefined;
}

/** A child under 18 at `at` was born after this. */
export function bornAfter(at: Date): Date {
  const earliest = new Date(at);
  earliest.setUTCFullYear(earliest.getUTCFullYear() - CHILDHOOD_YEARS);
  return earliest;
}

export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Today's date where it is latest (UTC+14), as YYYY-MM-DD. */
export function latestToday(now: number = Date.now()): string {
  return new Date(now + LATEST_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** The number of bytes a padded base64 string decodes to, without decoding it. */
export function base64DecodedLength(value: string): number {
  const padding = value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0;
  return Math.floor(value.length / 4) * 3 - padding;
}

// Field rules. Their messages read `<field>: <rule>`, the wording the alerts service's
// class-validator rules gave before this rule set replaced them.

function first(...checks: Array<() => InputViolation | undefined>): InputViolation | undefined {
  for (const check of checks) {
    const found = check();
    if (found) return found;
  }
  return undefined;
}

function violation(field: string, rule: string): InputViolation {
  return { field, message: `${field}: ${rule}` };
}

function pattern(field: string, value: string, shape: RegExp, rule: string): InputViolation | undefined {
  return shape.test(value) ? undefined : violation(field, rule);
}

function oneOf(field: string, value: string, values: readonly string[]): InputViolation | undefined {
  return values.includes(value) ? undefined : violation(field, `must be one of ${values.join(', ')}`);
}

function text(field: string, value: string, min: number, max: number): InputViolation | undefined {
  if (value.length < min) return violation(field, `must be longer than or equal to ${min} characters`);
  if (value.length > max) return violation(field, `must be shorter than or equal to ${max} characters`);
  return undefined;
}

function listOf(field: string, values: readonly string[], max: number, shape?: RegExp, rule?: string): InputViolation | undefined {
  if (values.length > max) return violation(field, `must contain no more than ${max} elements`);
  if (shape && !values.every((value) => shape.test(value))) return violation(field, rule!);
  return undefined;
}

function names(field: string, values: readonly string[]): InputViolation | undefined {
  return (
    listOf(field, values, MAX_CHILD_NAMES) ??
    (values.some((value) => value.length < 1 || value.length > MAX_NAME_LENGTH)
      ? violation(field, `each value must be 1 to ${MAX_NAME_LENGTH} characters long`)
      : values.every((value) => NOT_BLANK.test(value))
        ? undefined
        : violation(field, 'must not contain blank entries'))
  );
}

function age(field: string, years: number): InputViolation | undefined {
  if (!Number.isInteger(years)) return violation(field, 'must be an integer number');
  if (years < 0) return violation(field, 'must not be less than 0');
  if (years > MAX_CHILD_AGE) return violation(field, `must not be greater than ${MAX_CHILD_AGE}`);
  return undefined;
}
