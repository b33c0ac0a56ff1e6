import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { AlertKindEnum, type AlertKindName } from '../../graphql/public-enums';
import {
  AlertChangeTypeEnum,
  AlertStatusEnum,
  UrgencyEnum,
  type AlertChangeTypeName,
  type AlertStatusName,
  type UrgencyName,
} from './alert.enums';

/** Ids and facts only: never the child's identity, the title, the summary or an update's text. */
@ObjectType('AlertChange', {
  description: 'Something happened to an alert you may see. Ids and facts only: read the alert itself for the rest.',
})
export class AlertChangeObject {
  @Field(() => AlertChangeTypeEnum)
  type!: AlertChangeTypeName;

  @Field(() => ID)
  alertId!: string;

  @Field(() => AlertKindEnum)
  kind!: AlertKindName;

  @Field(() => UrgencyEnum)
  urgency!: UrgencyName;

  @Field(() => AlertStatusEnum, { description: 'The status after the change.' })
  status!: AlertStatusName;

  @Field()
  originCountry!: string;

  @Field(() => [String])
  targetCountries!: string[];

  @Field(() => Int, { description: "The alert's version after the change." })
  version!: number;

  @Field()
  occurredAt!: Date;

  @Field(() => String, { nullable: true, description: 'The target country that acknowledged (ACKNOWLEDGED) or escalated (ESCALATED).' })
  country!: string | null;

  @Field(() => Int, { nullable: true, description: 'ESCALATED only: 1 to the national focal points, 2 to the regional attaché.' })
  level!: number | null;

  @Field(() => [String], {
    description: 'POSTED only: the target countries nobody received the alert in (no focal point or on-duty contact). For the regional attaché, who follows alerts nobody answers.',
  })
  unroutedCountries!: string[];
}
