import { Field, ID, ObjectType } from '@nestjs/graphql';
import { AlertUpdateKindEnum, type AlertUpdateKindName } from './alert.enums';

@ObjectType('Sighting', { description: 'A place and time the child was seen.' })
export class SightingObject {
  @Field()
  place!: string;

  @Field()
  seenAt!: Date;
}

@ObjectType('AlertUpdate', { description: 'One message in the update thread of an alert.' })
export class AlertUpdateObject {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  alertId!: string;

  @Field()
  authorSubject!: string;

  @Field(() => ID, { nullable: true })
  authorAgencyId!: string | null;

  @Field(() => String, { nullable: true })
  authorCountry!: string | null;

  @Field(() => AlertUpdateKindEnum)
  kind!: AlertUpdateKindName;

  @Field({ description: 'The message; for CHILD_FOUND, where and how the child was found.' })
  text!: string;

  @Field(() => SightingObject, { nullable: true })
  sighting!: SightingObject | null;

  @Field()
  createdAt!: Date;
}
