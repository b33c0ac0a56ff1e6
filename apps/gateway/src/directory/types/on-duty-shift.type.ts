import { Field, ID, ObjectType } from '@nestjs/graphql';
import { AlertKindEnum, type AlertKindName } from '../../graphql/public-enums';

@ObjectType('OnDutyShift', { description: 'A period during which a professional is the contact of a country, e.g. nights and weekends.' })
export class OnDutyShiftObject {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  professionalId!: string;

  @Field()
  country!: string;

  @Field(() => AlertKindEnum, { nullable: true, description: 'Null: every kind of alert.' })
  alertKind!: AlertKindName | null;

  @Field()
  startsAt!: Date;

  @Field()
  endsAt!: Date;
}
