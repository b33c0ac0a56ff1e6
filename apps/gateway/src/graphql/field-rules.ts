/**
 * The input rules of the gateway's public API, one decorator per kind of field, so that
 * every feature's inputs spell a country, a name or a language tag the same way. Messages read
 * after the field's path ("input.name must be at most 200 characters") and never echo
 * the value back: it may be 100 KB, or personal data.
 */
import { applyDecorators } from '@nestjs/common';
import {
  ArrayMaxSize,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { MAX_PAGE_SIZE } from '@cpx/platform';

import {
  COUNTRY_CODE,
  IDEMPOTENCY_KEY,
  LANGUAGE_TAG_ANY_SCRIPT_CASE as LANGUAGE_TAG,
  MAX_CONTACT_VALUE_LENGTH,
  MAX_LIST_LENGTH,
  MAX_NAME_LENGTH,
  MAX_TEXT_LENGTH,
  NOT_BLANK,
} from '@cpx/contracts';

// Declared in the contracts, which the services read too; re-exported for the features' inputs.
export { COUNTRY_CODE, IDEMPOTENCY_KEY, LANGUAGE_TAG, MAX_CONTACT_VALUE_LENGTH, MAX_LIST_LENGTH, MAX_NAME_LENGTH, MAX_TEXT_LENGTH };

type Rule = PropertyDecorator;

/** `optional: true` lets the field be absent (or null); present, it must follow the rule. */
function rule(optional: boolean, ...decorators: Rule[]): Rule {
  return applyDecorators(...(optional ? [IsOptional()] : []), ...decorators);
}

export const IsEntityId = (optional = false): Rule => rule(optional, IsUUID('all', { message: 'must be a UUID' }));

export const IsIdempotencyKey = (): Rule =>
  applyDecorators(
    IsString({ message: 'must be a string' }),
    Matches(IDEMPOTENCY_KEY, { message: 'must be 8 to 128 characters among letters, digits, "_" and "-"' }),
  );

export const IsCountryCode = (optional = false): Rule =>
  rule(optional, IsString({ message: 'must be a string' }), Matches(COUNTRY_CODE, { message: 'must be an ISO 3166-1 alpha-2 code such as RS or XK' }));

/** A name in any script: 1 to 200 characters, not only white space. */
export const IsName = (optional = false): Rule =>
  rule(
    optional,
    IsString({ message: 'must be a string' }),
    MinLength(1, { message: 'must not be empty' }),
    MaxLength(MAX_NAME_LENGTH, { message: `must be at most ${MAX_NAME_LENGTH} characters` }),
    Matches(NOT_BLANK, { message: 'must not be blank' }),
  );

/** Free text such as a jurisdiction or a suspension reason. */
export const IsText = (maxLength: number, optional = false): Rule =>
  rule(optional, IsString({ message: 'must be a string' }), MaxLength(maxLength, { message: `must be at most ${maxLength} characters` }));

/** Free text that must say something (a suspension reason). */
export const IsRequiredText = (maxLength: number): Rule =>
  rule(false, IsText(maxLength), Matches(NOT_BLANK, { message: 'must not be blank' }));

export const IsLanguageTag = (optional = false): Rule =>
  rule(optional, IsString({ message: 'must be a string' }), Matches(LANGUAGE_TAG, { message: 'must be a BCP 47 language tag such as sr-Cyrl or rom' }));

export const IsLanguageTags = (optional = false): Rule =>
  rule(
    optional,
    ArrayMaxSize(MAX_LIST_LENGTH, { message: `must have at most ${MAX_LIST_LENGTH} entries` }),
    Matches(LANGUAGE_TAG, { each: true, message: 'must contain BCP 47 language tags such as sr-Cyrl or rom' }),
  );

/** A short list of names (areas of expertise), each 1 to 200 characters. */
export const IsNameList = (optional = false): Rule =>
  rule(
    optional,
    ArrayMaxSize(MAX_LIST_LENGTH, { message: `must have at most ${MAX_LIST_LENGTH} entries` }),
    MaxLength(MAX_NAME_LENGTH, { each: true, message: `must contain entries of at most ${MAX_NAME_LENGTH} characters` }),
    Matches(NOT_BLANK, { each: true, message: 'must not contain blank entries' }),
  );

/** A list of nested inputs, each validated by its own class. */
export const IsInputList = (type: () => new () => object, optional = false): Rule =>
  rule(
    optional,
    ArrayMaxSize(MAX_LIST_LENGTH, { message: `must have at most ${MAX_LIST_LENGTH} entries` }),
    ValidateNested({ each: true }),
    Type(type),
  );

export const IsNestedInput = (type: () => new () => object, optional = false): Rule => rule(optional, ValidateNested(), Type(type));

export const IsOneOf = (values: object, optional = false): Rule => rule(optional, IsEnum(values, { message: 'must be one of the enum values' }));

export const IsPageSize = (): Rule =>
  rule(true, IsInt({ message: 'must be an integer' }), Min(1, { message: 'must be at least 1' }), Max(MAX_PAGE_SIZE, { message: `must be at most ${MAX_PAGE_SIZE}` }));

export const IsCursor = (): Rule => rule(true, IsString({ message: 'must be a string' }), MaxLength(1000, { message: 'is not a cursor this API issued' }));

export const IsVersion = (optional = true): Rule => rule(optional, IsInt({ message: 'must be an integer' }), Min(0, { message: 'must not be negative' }));

export const IsTimestamp = (optional = false): Rule => rule(optional, IsDate({ message: 'must be a date-time' }));
