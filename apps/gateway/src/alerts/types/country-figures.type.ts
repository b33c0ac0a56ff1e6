import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('CountryFigures', { description: 'How one target country handles the alerts sent to it.' })
export class CountryFiguresObject {
  @Field()
  country!: string;

  @Field(() => Int, { description: 'Alerts to this country not yet resolved, cancelled or closed.' })
  open!: number;

  @Field(() => Int, { description: 'Open alerts this country has not acknowledged by the deadline.' })
  overdue!: number;

  @Field(() => Int, { description: 'Alerts this country acknowledged.' })
  acknowledged!: number;

  @Field(() => Int, { nullable: true, description: 'Median seconds from posting to acknowledgement; null until one was acknowledged.' })
  medianSecondsToAcknowledge!: number | null;
}
