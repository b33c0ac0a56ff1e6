import { Field, ID, ObjectType } from '@nestjs/graphql';
import { AlertKindEnum, type AlertKindName } from '../../graphql/public-enums';

@ObjectType('FocalPoint', {
  description: "A professional named as a country's national contact for one kind of alert, or for every kind.",
})
export class FocalPointObject {
  @Field(() => ID)
  id!: string;

  @Field()
  country!: string;

  @Field(() => AlertKindEnum, { nullable: true, description: 'Null: every kind of alert.' })
  alertKind!: AlertKindName | null;

  @Field(() => ID)
  professionalId!: string;

  @Field()
  createdAt!: Date;
}
