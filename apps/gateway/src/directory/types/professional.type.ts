import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { AgencySummaryObject } from './agency.type';
import { ContactObject } from './contact.type';
import {
  ProfessionalRoleEnum,
  VerificationStatusEnum,
  type ProfessionalRoleName,
  type VerificationStatusName,
} from './directory.enums';

@ObjectType('Professional', { description: 'A child-protection professional of one agency.' })
export class ProfessionalObject {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  agencyId!: string;

  @Field(() => AgencySummaryObject, { nullable: true })
  agency!: AgencySummaryObject | null;

  @Field()
  givenName!: string;

  @Field()
  familyName!: string;

  @Field(() => ProfessionalRoleEnum)
  role!: ProfessionalRoleName;

  @Field(() => [String], { description: 'BCP 47 language tags.' })
  languages!: string[];

  @Field(() => [String], { description: 'Areas of expertise, e.g. "unaccompanied minors".' })
  expertise!: string[];

  @Field(() => [ContactObject])
  contacts!: ContactObject[];

  @Field(() => VerificationStatusEnum)
  status!: VerificationStatusName;

  @Field(() => String, { nullable: true, description: "The OpenID Connect subject of the professional's account, once linked." })
  subject!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the professional is suspended; null unless SUSPENDED.' })
  suspensionReason!: string | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field(() => Int)
  version!: number;
}
