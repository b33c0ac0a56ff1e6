/**
 * The input rules of the alerts API as class-validator decorators, for the gateway's field
 * checks (its common field rules are graphql/field-rules.ts). The limits and the pure rules
 * are the contracts' (@cpx/contracts alert-rules), which the alerts service reads too; what
 * spans fields of a post is checked after these, by the contracts' rule set itself
 * (checkPostAlert). Messages read after the field's path and never echo the value: it may be
 * a child's name.
 */
import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateBy, ValidateIf } from 'class-validator';
import {
  base64DecodedLength,
  isCalendarDate,
  latestToday,
  MAX_CHILD_AGE,
  MAX_PHOTO_BYTES,
  MAX_TARGET_COUNTRIES,
  NOT_BLANK,
  PHOTO_CONTENT_TYPES,
} from '@cpx/contracts';
import { NameGuard } from '@cpx/names';
import { COUNTRY_CODE, MAX_LIST_LENGTH } from '../graphql/field-rules';

export {
  base64DecodedLength,
  isCalendarDate,
  latestToday,
  MAX_CHILD_AGE,
  MAX_PHOTO_BYTES,
  MAX_PURPOSE_LENGTH,
  MAX_REASON_LENGTH,
  MAX_SUMMARY_LENGTH,
  MAX_TARGET_COUNTRIES,
  MAX_TITLE_LENGTH,
  MAX_UPDATE_TEXT_LENGTH,
  MIN_PURPOSE_LENGTH,
  PHOTO_CONTENT_TYPES,
} from '@cpx/contracts';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

type Rule = PropertyDecorator;

/** 1 to 20 distinct country codes, at least one of them other than `originCountry` of the same input. */
export const IsTargetCountries = (): Rule =>
  applyDecorators(
    IsArray({ message: 'must be a list' }),
    ArrayMinSize(1, { message: 'must name at least one country' }),
    ArrayMaxSize(MAX_TARGET_COUNTRIES, { message: `must have at most ${MAX_TARGET_COUNTRIES} entries` }),
    Matches(COUNTRY_CODE, { each: true, message: 'must contain ISO 3166-1 alpha-2 codes such as RS or XK' }),
    ArrayUnique(undefined, { message: 'must not name a country twice' }),
    ValidateBy({
      name: 'notOnlyOrigin',
      validator: {
        validate: (value: unknown, args) =>
          !Array.isArray(value) || value.some((country) => country !== (args?.object as { originCountry?: unknown }).originCountry),
        defaultMessage: () => 'must name a country other than originCountry',
      },
    }),
  );

/** Free text that must say something, between `min` and `max` characters. */
export const IsTextBetween = (min: number, max: number): Rule =>
  applyDecorators(
    IsString({ message: 'must be a string' }),
    MinLength(min, { message: `must be at least ${min} characters` }),
    MaxLength(max, { message: `must be at most ${max} characters` }),
    Matches(NOT_BLANK, { message: 'must not be blank' }),
  );

/**
 * On a free text of a post: it does not name the child of the same input (any given name,
 * family name or alias, in any script, spelling or inflection; @cpx/names NameGuard). The
 * gateway refuses it before the text goes on Kafka; the alerts service checks again, and
 * alone checks the texts of later operations (it holds the names then).
 */
export const DoesNotNameTheChild = (maxLength: number): Rule =>
  ValidateBy({
    name: 'doesNotNameTheChild',
    validator: {
      // A text over its length is refused by its length rule: it is not read (its cost grows with it).
      validate: (value: unknown, args) =>
        typeof value !== 'string' || value.length > maxLength || !new NameGuard(childNamesOf(args?.object)).findIn(value).found,
      defaultMessage: () => "must not name the child: it is shown to everyone the alert reaches and kept in clear. Put names in the child's record, which is sealed.",
    },
  });

function childNamesOf(input: unknown): string[] {
  const child = (input as { child?: { givenNames?: unknown; familyNames?: unknown; aliases?: unknown } } | undefined)?.child;
  return [child?.givenNames, child?.familyNames, child?.aliases].flatMap((names) => (Array.isArray(names) ? names.filter((name): name is string => typeof name === 'string') : []));
}

/** A calendar date `YYYY-MM-DD` that is not in the future. */
export const IsDateOfBirth = (): Rule =>
  applyDecorators(
    IsString({ message: 'must be a string' }),
    ValidateBy({
      name: 'dateOfBirth',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
        defaultMessage: () => 'must be a date written YYYY-MM-DD',
      },
    }),
    ValidateBy({
      name: 'notInFuture',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !isCalendarDate(value) || value <= latestToday(),
        defaultMessage: () => 'must not be in the future',
      },
    }),
  );

/** Years of age of a child: 0 to 17. */
export const IsChildAge = (): Rule =>
  applyDecorators(
    IsInt({ message: 'must be an integer' }),
    Min(0, { message: 'must be at least 0' }),
    Max(MAX_CHILD_AGE, { message: `must be at most ${MAX_CHILD_AGE}` }),
  );

/** On `maxYears`: not below `minYears` of the same range. */
export const IsNotBelowMinYears = (): Rule =>
  ValidateBy({
    name: 'notBelowMinYears',
    validator: {
      validate: (value: unknown, args) => {
        const min = (args?.object as { minYears?: unknown }).minYears;
        return typeof value !== 'number' || typeof min !== 'number' || value >= min;
      },
      defaultMessage: () => 'must not be less than minYears',
    },
  });

/** Base64 (standard alphabet, padded) of at most MAX_PHOTO_BYTES bytes. */
export const IsPhoto = (): Rule =>
  applyDecorators(
    IsString({ message: 'must be a string' }),
    ValidateBy({
      name: 'photoSize',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && base64DecodedLength(value) <= MAX_PHOTO_BYTES,
        defaultMessage: () => `must be at most ${MAX_PHOTO_BYTES} bytes once decoded`,
      },
    }),
    ValidateBy({
      name: 'base64',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value.length > 0 && value.length % 4 === 0 && BASE64.test(value),
        defaultMessage: () => 'must be base64 (standard alphabet, padded)',
      },
    }),
  );

/** Required as soon as the photo is there. */
export const IsPhotoContentType = (): Rule =>
  applyDecorators(
    ValidateIf((input: { photo?: unknown; photoContentType?: unknown }) => input.photo != null || input.photoContentType != null),
    IsIn(PHOTO_CONTENT_TYPES, { message: `must be one of ${PHOTO_CONTENT_TYPES.join(', ')} when a photo is given` }),
  );

/** A list of country codes (nationalities). */
export const IsCountryCodes = (): Rule =>
  applyDecorators(
    ArrayMaxSize(MAX_LIST_LENGTH, { message: `must have at most ${MAX_LIST_LENGTH} entries` }),
    Matches(COUNTRY_CODE, { each: true, message: 'must contain ISO 3166-1 alpha-2 codes such as RS or XK' }),
  );
