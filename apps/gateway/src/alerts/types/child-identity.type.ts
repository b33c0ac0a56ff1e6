import { Field, Int, ObjectType } from '@nestjs/graphql';
import { SexEnum, type SexName } from './alert.enums';

@ObjectType('AgeRange', { description: 'An estimated age in years, when the date of birth is not known.' })
export class AgeRangeObject {
  @Field(() => Int)
  minYears!: number;

  @Field(() => Int)
  maxYears!: number;
}

@ObjectType('ChildIdentity', {
  description: "The child's protected record. Returned only by revealAlertIdentity, with a stated purpose; every read is recorded.",
})
export class ChildIdentityObject {
  @Field(() => [String])
  givenNames!: string[];

  @Field(() => [String])
  familyNames!: string[];

  @Field(() => [String])
  aliases!: string[];

  @Field(() => SexEnum, { nullable: true })
  sex!: SexName | null;

  @Field(() => String, { nullable: true, description: 'ISO 8601 date (YYYY-MM-DD); null when only an age range is known.' })
  dateOfBirth!: string | null;

  @Field(() => AgeRangeObject, { nullable: true })
  estimatedAge!: AgeRangeObject | null;

  @Field(() => [String], { description: 'ISO 3166-1 alpha-2 codes.' })
  nationalities!: string[];

  @Field(() => [String], { description: 'BCP 47 language tags.' })
  languages!: string[];

  @Field(() => String, { nullable: true })
  distinguishingFeatures!: string | null;

  @Field(() => String, { nullable: true })
  lastKnownPlace!: string | null;

  @Field(() => Date, { nullable: true })
  lastKnownAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The photo, base64 (standard alphabet, padded).' })
  photo!: string | null;

  @Field(() => String, { nullable: true, description: 'image/jpeg, image/png or image/webp; set with photo.' })
  photoContentType!: string | null;
}
