/** What a professional may send to post an alert, checked before anything is read or written. */
import { COUNTRY_CODE, LANGUAGE_TAG, NOT_BLANK } from '@cpx/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';

export const URGENCIES = ['CRITICAL', 'HIGH', 'NORMAL'] as const;
export const SEXES = ['FEMALE', 'MALE', 'OTHER', 'UNKNOWN'] as const;

export class AgeRangeInput {
  @IsInt() @Min(0) @Max(17) minYears!: number;
  @IsInt() @Min(0) @Max(17) maxYears!: number;
}

/** A child is named somehow: by a given name, or, when that is not known, by an alias. */
const IsNamedByGivenNameOrAlias = (): PropertyDecorator => ValidateBy({
  name: 'namedByGivenNameOrAlias',
  validator: {
    validate: (_value: unknown, args) => {
      const child = args?.object as Partial<ChildIdentityInput>;
      return (child.givenNames?.length ?? 0) > 0 || (child.aliases?.length ?? 0) > 0;
    },
    defaultMessage: () => 'givenNames must have at least one given name when aliases is empty',
  },
});

export class ChildIdentityInput {
  @IsArray() @IsNamedByGivenNameOrAlias() @ArrayMaxSize(20)
  @IsString({ each: true }) @Length(1, 200, { each: true }) @Matches(NOT_BLANK, { each: true, message: 'givenNames must not contain blank entries' })
  givenNames!: string[];

  @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 200, { each: true }) @Matches(NOT_BLANK, { each: true, message: 'familyNames must not contain blank entries' })
  familyNames!: string[];

  @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 200, { each: true }) @Matches(NOT_BLANK, { each: true, message: 'aliases must not contain blank entries' })
  aliases!: string[];

  @IsIn(SEXES, { message: `sex must be one of ${SEXES.join(', ')}` })
  sex!: string;

  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dateOfBirth must be a date such as 2014-05-31' })
  dateOfBirth?: string;

  @IsOptional() @ValidateNested() @Type(() => AgeRangeInput)
  estimatedAge?: AgeRangeInput;

  @IsArray() @ArrayMaxSize(5) @Matches(COUNTRY_CODE, { each: true, message: 'nationalities must be ISO 3166-1 alpha-2 codes' })
  nationalities!: string[];

  @IsArray() @ArrayMaxSize(20) @Matches(LANGUAGE_TAG, { each: true, message: 'languages must be BCP 47 tags such as rom' })
  languages!: string[];

  @IsString() @Length(0, 2000) distinguishingFeatures!: string;
  @IsString() @Length(0, 500) lastKnownPlace!: string;
  // The photo bytes and the last-known time are checked by checkChildRecord: class-transformer
  // would copy a Uint8Array into a plain object.
  @IsString() @Length(0, 50) photoContentType!: string;
}

export class PostAlertInput {
  @IsString() @Matches(/^[A-Za-z0-9_-]{8,128}$/, { message: 'idempotencyKey must be 8 to 128 letters, digits, _ or -' })
  idempotencyKey!: string;

  @IsString() kind!: string;

  @IsIn(URGENCIES, { message: `urgency must be one of ${URGENCIES.join(', ')}` })
  urgency!: string;

  @Matches(COUNTRY_CODE, { message: 'originCountry must be an ISO 3166-1 alpha-2 code such as RS' })
  originCountry!: string;

  @IsArray() @ArrayMinSize(1, { message: 'targetCountries must name at least one country to alert' }) @ArrayMaxSize(20)
  @Matches(COUNTRY_CODE, { each: true, message: 'targetCountries must be ISO 3166-1 alpha-2 codes such as FR' })
  targetCountries!: string[];

  @IsArray() @ArrayMaxSize(10) @IsString({ each: true })
  targetAgencyTypes!: string[];

  @IsString() @Length(1, 200) @Matches(NOT_BLANK, { message: 'title must not be blank' })
  title!: string;

  @IsString() @Length(0, 10_000)
  summary!: string;

  @ValidateNested() @Type(() => ChildIdentityInput)
  child!: ChildIdentityInput;
}

/**
 * The post in one spelling per meaning: target lists as sorted sets, texts in Unicode NFC
 * without surrounding white space. What is stored, and what a replay is compared by.
 */
export function normalisedPost(input: PostAlertInput): PostAlertInput {
  return Object.assign(new PostAlertInput(), input, {
    targetCountries: sortedSet(input.targetCountries),
    targetAgencyTypes: sortedSet(input.targetAgencyTypes),
    title: input.title.normalize('NFC').trim(),
    summary: input.summary.normalize('NFC').trim(),
  });
}

function sortedSet(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
