import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsCountryCode, IsEntityId, IsOneOf } from '../../graphql/field-rules';
import { AlertKindEnum, type AlertKindName } from '../../graphql/public-enums';

@InputType('AssignFocalPointInput')
export class AssignFocalPointInput {
  @Field()
  @IsCountryCode()
  country!: string;

  @Field(() => AlertKindEnum, { nullable: true, description: 'Absent: the focal point for every kind of alert.' })
  @IsOneOf(AlertKindEnum, true)
  alertKind?: AlertKindName | null;

  @Field(() => ID)
  @IsEntityId()
  professionalId!: string;
}

@ArgsType()
export class FocalPointsArgs {
  @Field(() => String, { nullable: true, description: 'Absent: every country.' })
  @IsCountryCode(true)
  country?: string | null;
}
