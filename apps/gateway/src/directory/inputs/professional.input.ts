import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  IsCountryCode,
  IsCursor,
  IsEntityId,
  IsInputList,
  IsLanguageTag,
  IsLanguageTags,
  IsName,
  IsNameList,
  IsNestedInput,
  IsOneOf,
  IsPageSize,
  IsRequiredText,
  IsText,
  IsVersion,
  MAX_NAME_LENGTH,
  MAX_TEXT_LENGTH,
} from '../../graphql/field-rules';
import { ProfessionalRoleEnum, VerificationStatusEnum, type ProfessionalRoleName, type VerificationStatusName } from '../types/directory.enums';
import { AgencyTypeEnum, type AgencyTypeName } from '../../graphql/public-enums';
import { VersionedIdArgs } from './common.args';
import { ContactInput } from './contact.input';

/** An OpenID Connect subject is an opaque string of the identity provider's. */
const MAX_SUBJECT_LENGTH = 255;

@InputType('RegisterProfessionalInput', { description: 'Invites a professional into an agency; they start as INVITED.' })
export class RegisterProfessionalInput {
  @Field(() => ID)
  @IsEntityId()
  agencyId!: string;

  @Field()
  @IsName()
  givenName!: string;

  @Field()
  @IsName()
  familyName!: string;

  @Field(() => ProfessionalRoleEnum)
  @IsOneOf(ProfessionalRoleEnum)
  role!: ProfessionalRoleName;

  @Field(() => [String], { defaultValue: [] })
  @IsLanguageTags()
  languages!: string[];

  @Field(() => [String], { defaultValue: [] })
  @IsNameList()
  expertise!: string[];

  @Field(() => [ContactInput], { defaultValue: [] })
  @IsInputList(() => ContactInput)
  contacts!: ContactInput[];

  @Field(() => String, { nullable: true, description: 'The OpenID Connect subject, when the account already exists.' })
  @IsText(MAX_SUBJECT_LENGTH, true)
  subject?: string | null;
}

@InputType('UpdateProfessionalInput', { description: 'Only the fields you set change; a list you set replaces the whole list.' })
export class UpdateProfessionalInput {
  @Field(() => String, { nullable: true })
  @IsName(true)
  givenName?: string | null;

  @Field(() => String, { nullable: true })
  @IsName(true)
  familyName?: string | null;

  @Field(() => ProfessionalRoleEnum, { nullable: true })
  @IsOneOf(ProfessionalRoleEnum, true)
  role?: ProfessionalRoleName | null;

  @Field(() => [String], { nullable: true })
  @IsLanguageTags(true)
  languages?: string[] | null;

  @Field(() => [String], { nullable: true })
  @IsNameList(true)
  expertise?: string[] | null;

  @Field(() => [ContactInput], { nullable: true })
  @IsInputList(() => ContactInput, true)
  contacts?: ContactInput[] | null;

  @Field(() => String, { nullable: true, description: 'Links the professional to an OpenID Connect account.' })
  @IsText(MAX_SUBJECT_LENGTH, true)
  subject?: string | null;

  @Field(() => Int, { nullable: true, description: 'The version you last saw; the change is refused with CONFLICT if it moved on.' })
  @IsVersion()
  expectedVersion?: number | null;
}

@InputType('ProfessionalFilter', { description: 'Every field you set narrows the search.' })
export class ProfessionalFilterInput {
  @Field(() => String, { nullable: true, description: "The country of the professional's agency." })
  @IsCountryCode(true)
  country?: string | null;

  @Field(() => ID, { nullable: true })
  @IsEntityId(true)
  agencyId?: string | null;

  @Field(() => AgencyTypeEnum, { nullable: true })
  @IsOneOf(AgencyTypeEnum, true)
  agencyType?: AgencyTypeName | null;

  @Field(() => ProfessionalRoleEnum, { nullable: true })
  @IsOneOf(ProfessionalRoleEnum, true)
  role?: ProfessionalRoleName | null;

  @Field(() => String, {
    nullable: true,
    description: 'A BCP 47 tag the professional works in. A language alone ("sr") also finds its script and region variants (sr-Cyrl, sr-Latn-BA).',
  })
  @IsLanguageTag(true)
  language?: string | null;

  @Field(() => String, { nullable: true, description: 'One area of expertise, matched whole, in any script, ignoring case and diacritics.' })
  @IsText(MAX_NAME_LENGTH, true)
  expertise?: string | null;

  @Field(() => String, { nullable: true, description: 'Searched in names and expertise, in any script, ignoring case and diacritics.' })
  @IsText(MAX_NAME_LENGTH, true)
  text?: string | null;

  @Field(() => VerificationStatusEnum, { nullable: true })
  @IsOneOf(VerificationStatusEnum, true)
  status?: VerificationStatusName | null;
}

@ArgsType()
export class UpdateProfessionalArgs {
  @Field(() => ID)
  @IsEntityId()
  id!: string;

  @Field(() => UpdateProfessionalInput)
  @IsNestedInput(() => UpdateProfessionalInput)
  input!: UpdateProfessionalInput;
}

@ArgsType()
export class SuspendProfessionalArgs extends VersionedIdArgs {
  @Field({ description: 'Why; shown to the agency and kept with the professional (at most 2000 characters).' })
  @IsRequiredText(MAX_TEXT_LENGTH)
  reason!: string;
}

@ArgsType()
export class ProfessionalSearchArgs {
  @Field(() => ProfessionalFilterInput, { nullable: true })
  @IsNestedInput(() => ProfessionalFilterInput, true)
  filter?: ProfessionalFilterInput | null;

  @Field(() => Int, { nullable: true, description: 'At most 100.' })
  @IsPageSize()
  first?: number | null;

  @Field(() => String, { nullable: true })
  @IsCursor()
  after?: string | null;
}
