import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  IsCountryCode,
  IsCursor,
  IsEntityId,
  IsInputList,
  IsLanguageTag,
  IsLanguageTags,
  IsName,
  IsNestedInput,
  IsOneOf,
  IsPageSize,
  IsText,
  IsVersion,
  MAX_NAME_LENGTH,
  MAX_TEXT_LENGTH,
} from '../../graphql/field-rules';
import { AgencyTypeEnum, type AgencyTypeName } from '../../graphql/public-enums';
import { ContactInput } from './contact.input';

@InputType('RegisterAgencyInput')
export class RegisterAgencyInput {
  @Field()
  @IsName()
  name!: string;

  @Field(() => AgencyTypeEnum)
  @IsOneOf(AgencyTypeEnum)
  type!: AgencyTypeName;

  @Field({ description: 'ISO 3166-1 alpha-2 code, e.g. "RS", "XK".' })
  @IsCountryCode()
  country!: string;

  @Field(() => String, { nullable: true })
  @IsText(MAX_NAME_LENGTH, true)
  locality?: string | null;

  @Field(() => String, { nullable: true })
  @IsText(MAX_TEXT_LENGTH, true)
  jurisdiction?: string | null;

  @Field(() => [String], { defaultValue: [] })
  @IsLanguageTags()
  languages!: string[];

  @Field(() => [ContactInput], { defaultValue: [] })
  @IsInputList(() => ContactInput)
  contacts!: ContactInput[];
}

@InputType('UpdateAgencyInput', { description: 'Only the fields you set change; a list you set replaces the whole list.' })
export class UpdateAgencyInput {
  @Field(() => String, { nullable: true })
  @IsName(true)
  name?: string | null;

  @Field(() => AgencyTypeEnum, { nullable: true })
  @IsOneOf(AgencyTypeEnum, true)
  type?: AgencyTypeName | null;

  @Field(() => String, { nullable: true })
  @IsCountryCode(true)
  country?: string | null;

  @Field(() => String, { nullable: true })
  @IsText(MAX_NAME_LENGTH, true)
  locality?: string | null;

  @Field(() => String, { nullable: true })
  @IsText(MAX_TEXT_LENGTH, true)
  jurisdiction?: string | null;

  @Field(() => [String], { nullable: true })
  @IsLanguageTags(true)
  languages?: string[] | null;

  @Field(() => [ContactInput], { nullable: true })
  @IsInputList(() => ContactInput, true)
  contacts?: ContactInput[] | null;

  @Field(() => Int, { nullable: true, description: 'The version you last saw; the change is refused with CONFLICT if it moved on.' })
  @IsVersion()
  expectedVersion?: number | null;
}

@InputType('AgencyFilter', { description: 'Every field you set narrows the search.' })
export class AgencyFilterInput {
  @Field(() => String, { nullable: true })
  @IsCountryCode(true)
  country?: string | null;

  @Field(() => AgencyTypeEnum, { nullable: true })
  @IsOneOf(AgencyTypeEnum, true)
  type?: AgencyTypeName | null;

  @Field(() => String, {
    nullable: true,
    description: 'A BCP 47 tag the agency works in. A language alone ("sr") also finds its script and region variants (sr-Cyrl, sr-Latn-BA).',
  })
  @IsLanguageTag(true)
  language?: string | null;

  @Field(() => String, { nullable: true, description: 'Searched in name, locality and jurisdiction, in any script, ignoring case and diacritics.' })
  @IsText(MAX_NAME_LENGTH, true)
  text?: string | null;
}

@ArgsType()
export class UpdateAgencyArgs {
  @Field(() => ID)
  @IsEntityId()
  id!: string;

  @Field(() => UpdateAgencyInput)
  @IsNestedInput(() => UpdateAgencyInput)
  input!: UpdateAgencyInput;
}

@ArgsType()
export class AgencySearchArgs {
  @Field(() => AgencyFilterInput, { nullable: true })
  @IsNestedInput(() => AgencyFilterInput, true)
  filter?: AgencyFilterInput | null;

  @Field(() => Int, { nullable: true, description: 'At most 100.' })
  @IsPageSize()
  first?: number | null;

  @Field(() => String, { nullable: true })
  @IsCursor()
  after?: string | null;
}
