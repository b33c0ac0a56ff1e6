import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsCountryCode, IsEntityId, IsOneOf, IsTimestamp } from '../../graphql/field-rules';
import { AlertKindEnum, type AlertKindName } from '../../graphql/public-enums';

@InputType('ScheduleOnDutyInput')
export class ScheduleOnDutyInput {
  @Field(() => ID)
  @IsEntityId()
  professionalId!: string;

  @Field()
  @IsCountryCode()
  country!: string;

  @Field(() => AlertKindEnum, { nullable: true, description: 'Absent: on duty for every kind of alert.' })
  @IsOneOf(AlertKindEnum, true)
  alertKind?: AlertKindName | null;

  @Field()
  @IsTimestamp()
  startsAt!: Date;

  @Field()
  @IsTimestamp()
  endsAt!: Date;
}

@ArgsType()
export class WhomToContactArgs {
  @Field()
  @IsCountryCode()
  country!: string;

  @Field(() => AlertKindEnum)
  @IsOneOf(AlertKindEnum)
  alertKind!: AlertKindName;

  @Field(() => Date, { nullable: true, description: 'The moment on-duty shifts are matched against; absent: now.' })
  @IsTimestamp(true)
  at?: Date | null;
}
