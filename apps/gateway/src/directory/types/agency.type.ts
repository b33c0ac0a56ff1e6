import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ContactObject } from './contact.type';
import { AgencyTypeEnum, type AgencyTypeName } from '../../graphql/public-enums';

@ObjectType('Agency', { description: 'A body child-protection professionals work for.' })
export class AgencyObject {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => AgencyTypeEnum)
  type!: AgencyTypeName;

  @Field({ description: 'ISO 3166-1 alpha-2 code, e.g. "RS", "XK".' })
  country!: string;

  @Field(() => String, { nullable: true })
  locality!: string | null;

  @Field(() => String, { nullable: true, description: 'The area or matters the agency is competent for.' })
  jurisdiction!: string | null;

  @Field(() => [String], { description: 'BCP 47 language tags, e.g. "sr-Cyrl".' })
  languages!: string[];

  @Field(() => [ContactObject])
  contacts!: ContactObject[];

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field(() => Int, { description: 'Incremented by every change; pass it as expectedVersion to update safely.' })
  version!: number;
}

@ObjectType('AgencySummary', { description: "What a professional's view needs of their agency." })
export class AgencySummaryObject {
  @Field()
  name!: string;

  @Field(() => AgencyTypeEnum)
  type!: AgencyTypeName;

  @Field()
  country!: string;
}
