import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('IdentityRead', { description: "One read of a child's identity: who, when and why." })
export class IdentityReadObject {
  @Field(() => ID, { nullable: true, description: 'The alert whose child was read about.' })
  alertId!: string | null;

  @Field()
  readerSubject!: string;

  @Field(() => ID, { nullable: true })
  readerAgencyId!: string | null;

  @Field(() => String, { nullable: true })
  readerCountry!: string | null;

  @Field()
  purpose!: string;

  @Field()
  readAt!: Date;
}

@ObjectType('IdentityGrant', { description: "The originating agency let an attaché read the child's identity on one alert." })
export class IdentityGrantObject {
  @Field(() => ID)
  alertId!: string;

  @Field()
  granteeSubject!: string;

  @Field()
  grantedAt!: Date;

  @Field(() => String, { nullable: true, description: 'Who in the originating agency granted it (in the grants list).' })
  grantedBySubject!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the attaché needed the identity (in the grants list).' })
  reason!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the originating agency took it back; null while it holds.' })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true })
  revokedBySubject!: string | null;
}
