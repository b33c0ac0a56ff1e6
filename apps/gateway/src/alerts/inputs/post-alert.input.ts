import { Field, InputType, Int } from '@nestjs/graphql';
import { base64DecodedLength, MAX_LAST_KNOWN_PLACE_LENGTH, MAX_PHOTO_BYTES, postAlertViolation } from '@cpx/contracts';
import { DomainError } from '@cpx/platform';
import { ArrayMaxSize, IsEnum, IsOptional } from 'class-validator';
import {
  IsCountryCode,
  IsIdempotencyKey,
  IsLanguageTags,
  IsName,
  IsNameList,
  IsNestedInput,
  IsOneOf,
  IsText,
  IsTimestamp,
  MAX_LIST_LENGTH,
  MAX_NAME_LENGTH,
  MAX_TEXT_LENGTH,
} from '../../graphql/field-rules';
import { AgencyTypeEnum, AlertKindEnum, type AgencyTypeName, type AlertKindName } from '../../graphql/public-enums';
import {
  DoesNotNameTheChild,
  IsChildAge,
  IsCountryCodes,
  IsDateOfBirth,
  IsNotBelowMinYears,
  IsPhoto,
  IsPhotoContentType,
  IsTargetCountries,
  MAX_SUMMARY_LENGTH,
} from '../alert-rules';
import { SexEnum, UrgencyEnum, type SexName, type UrgencyName } from '../types/alert.enums';

@InputType('AgeRangeInput', { description: 'An estimated age in years (0 to 17), when the date of birth is not known.' })
export class AgeRangeInput {
  @Field(() => Int)
  @IsChildAge()
  minYears!: number;

  @Field(() => Int, { description: 'Not less than minYears.' })
  @IsChildAge()
  @IsNotBelowMinYears()
  maxYears!: number;
}

@InputType('ChildIdentityInput', {
  description:
    "The child's protected record: encrypted at rest, shown only to the parties of the alert with a stated purpose. " +
    'Give at least one given name or alias, and the date of birth or an estimated age.',
})
export class ChildIdentityInput {
  @Field(() => [String], {
    defaultValue: [],
    description: `In any script; at most ${MAX_LIST_LENGTH}, each 1 to ${MAX_NAME_LENGTH} characters. May be empty only when aliases is not.`,
  })
  @IsNameList()
  givenNames!: string[];

  @Field(() => [String], { defaultValue: [] })
  @IsNameList()
  familyNames!: string[];

  @Field(() => [String], { defaultValue: [], description: 'Names the child goes by; enough on their own when the given names are not known.' })
  @IsNameList()
  aliases!: string[];

  @Field(() => SexEnum, { nullable: true, description: 'UNKNOWN when left out.' })
  @IsOneOf(SexEnum, true)
  sex?: SexName | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, not in the future. This or estimatedAge is required.' })
  @IsOptional()
  @IsDateOfBirth()
  dateOfBirth?: string | null;

  @Field(() => AgeRangeInput, { nullable: true, description: 'When the date of birth is not known: this or dateOfBirth is required.' })
  @IsNestedInput(() => AgeRangeInput, true)
  estimatedAge?: AgeRangeInput | null;

  @Field(() => [String], { defaultValue: [], description: 'ISO 3166-1 alpha-2 codes.' })
  @IsCountryCodes()
  nationalities!: string[];

  @Field(() => [String], { defaultValue: [], description: 'BCP 47 language tags the child speaks.' })
  @IsLanguageTags()
  languages!: string[];

  @Field(() => String, { nullable: true })
  @IsText(MAX_TEXT_LENGTH, true)
  distinguishingFeatures?: string | null;

  @Field(() => String, { nullable: true })
  @IsText(MAX_LAST_KNOWN_PLACE_LENGTH, true)
  lastKnownPlace?: string | null;

  @Field(() => Date, { nullable: true, description: 'When the child was last known to be at lastKnownPlace: not in the future, nor before the child was born.' })
  @IsTimestamp(true)
  lastKnownAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Base64 (standard alphabet, padded), at most 2,000,000 bytes decoded.' })
  @IsOptional()
  @IsPhoto()
  photo?: string | null;

  @Field(() => String, { nullable: true, description: 'image/jpeg, image/png or image/webp; required with photo.' })
  @IsPhotoContentType()
  photoContentType?: string | null;
}

@InputType('PostAlertInput')
export class PostAlertInput {
  @Field({ description: 'Chosen by the client, 8 to 128 of [A-Za-z0-9_-]. The same key posts once; the same key with a different body is CONFLICT.' })
  @IsIdempotencyKey()
  idempotencyKey!: string;

  @Field(() => AlertKindEnum)
  @IsOneOf(AlertKindEnum)
  kind!: AlertKindName;

  @Field(() => UrgencyEnum)
  @IsOneOf(UrgencyEnum)
  urgency!: UrgencyName;

  @Field({ description: 'ISO 3166-1 alpha-2 code of the country the alert comes from.' })
  @IsCountryCode()
  originCountry!: string;

  @Field(() => [String], { description: '1 to 20 distinct ISO 3166-1 alpha-2 codes, at least one other than originCountry.' })
  @IsTargetCountries()
  targetCountries!: string[];

  @Field(() => [AgencyTypeEnum], { defaultValue: [], description: 'Empty: every kind of agency.' })
  @ArrayMaxSize(MAX_LIST_LENGTH, { message: `must have at most ${MAX_LIST_LENGTH} entries` })
  @IsEnum(AgencyTypeEnum, { each: true, message: 'must contain agency types' })
  targetAgencyTypes!: AgencyTypeName[];

  @Field({ description: `1 to ${MAX_NAME_LENGTH} characters. Must not identify the child.` })
  @IsName()
  @DoesNotNameTheChild(MAX_NAME_LENGTH)
  title!: string;

  @Field({ defaultValue: '', description: `At most ${MAX_SUMMARY_LENGTH} characters, any language. Must not identify the child.` })
  @IsText(MAX_SUMMARY_LENGTH)
  @DoesNotNameTheChild(MAX_SUMMARY_LENGTH)
  summary!: string;

  @Field(() => ChildIdentityInput)
  @IsNestedInput(() => ChildIdentityInput)
  child!: ChildIdentityInput;
}

/**
 * The post against the contracts' one rule set for posts, the code the alerts service checks
 * it with again: what the field rules above cannot say (a child under 18, named by a given
 * name or an alias, of a known age; a last-known time after the birth; the service's own
 * limits) is refused here, as BAD_USER_INPUT naming the field, with the words the service
 * would use. Run after the field rules (InputValidationPipe), on the values as they will be
 * sent (the photo decoded, an absent sex UNKNOWN).
 */
export function checkPostAlert(input: PostAlertInput, now = new Date()): void {
  const { child } = input;
  const violation = postAlertViolation(
    {
      idempotencyKey: input.idempotencyKey,
      urgency: input.urgency,
      originCountry: input.originCountry,
      targetCountries: input.targetCountries,
      targetAgencyTypes: input.targetAgencyTypes,
      title: input.title,
      summary: input.summary,
      child: {
        givenNames: child.givenNames,
        familyNames: child.familyNames,
        aliases: child.aliases,
        sex: child.sex ?? 'UNKNOWN',
        dateOfBirth: child.dateOfBirth || undefined,
        estimatedAge: child.estimatedAge ?? undefined,
        nationalities: child.nationalities,
        languages: child.languages,
        distinguishingFeatures: child.distinguishingFeatures ?? '',
        lastKnownPlace: child.lastKnownPlace ?? '',
        lastKnownAt: child.lastKnownAt ?? undefined,
        photoBytes: child.photo ? base64DecodedLength(child.photo) : 0,
        photoContentType: child.photo ? (child.photoContentType ?? '') : '',
      },
    },
    { now, maxPhotoBytes: MAX_PHOTO_BYTES },
  );
  if (violation) throw DomainError.badInput(violation.field, violation.message);
}
