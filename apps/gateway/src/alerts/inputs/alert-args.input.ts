import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import {
  IsCountryCode,
  IsCursor,
  IsEntityId,
  IsNestedInput,
  IsOneOf,
  IsPageSize,
  IsRequiredText,
  IsText,
  IsTimestamp,
  IsVersion,
  MAX_NAME_LENGTH,
} from '../../graphql/field-rules';
import { AlertKindEnum, type AlertKindName } from '../../graphql/public-enums';
import { IsTextBetween, MAX_PURPOSE_LENGTH, MAX_REASON_LENGTH, MAX_UPDATE_TEXT_LENGTH, MIN_PURPOSE_LENGTH } from '../alert-rules';
import { AlertStatusEnum, OutcomeEnum, UrgencyEnum, type AlertStatusName, type OutcomeName, type UrgencyName } from '../types/alert.enums';

@ArgsType()
export class AlertIdArgs {
  @Field(() => ID)
  @IsEntityId()
  id!: string;
}

@InputType('SightingInput')
export class SightingInput {
  @Field({ description: '1 to 200 characters.' })
  @IsTextBetween(1, MAX_NAME_LENGTH)
  place!: string;

  @Field({ description: 'Not in the future, nor before the child was born.' })
  @IsTimestamp()
  seenAt!: Date;
}

@InputType('AddAlertUpdateInput')
export class AddAlertUpdateInput {
  @Field({ description: `Any language, 1 to ${MAX_UPDATE_TEXT_LENGTH} characters.` })
  @IsRequiredText(MAX_UPDATE_TEXT_LENGTH)
  text!: string;

  @Field(() => SightingInput, { nullable: true })
  @IsNestedInput(() => SightingInput, true)
  sighting?: SightingInput | null;
}

@ArgsType()
export class AddAlertUpdateArgs extends AlertIdArgs {
  @Field(() => AddAlertUpdateInput)
  @IsNestedInput(() => AddAlertUpdateInput)
  input!: AddAlertUpdateInput;
}

@ArgsType()
export class ResolveAlertArgs extends AlertIdArgs {
  @Field(() => OutcomeEnum)
  @IsOneOf(OutcomeEnum)
  outcome!: OutcomeName;

  @Field(() => String, { nullable: true, description: `At most ${MAX_REASON_LENGTH} characters.` })
  @IsText(MAX_REASON_LENGTH, true)
  note?: string | null;

  @Field(() => Int, { nullable: true, description: 'The version you last saw; the change is refused with CONFLICT if it moved on.' })
  @IsVersion()
  expectedVersion?: number | null;
}

@ArgsType()
export class ReportChildFoundArgs extends AlertIdArgs {
  @Field({ description: `Where and how the child was found, 1 to ${MAX_REASON_LENGTH} characters; never the child's name.` })
  @IsRequiredText(MAX_REASON_LENGTH)
  note!: string;
}

@ArgsType()
export class CancelAlertArgs extends AlertIdArgs {
  @Field({ description: `Why; 1 to ${MAX_REASON_LENGTH} characters.` })
  @IsRequiredText(MAX_REASON_LENGTH)
  reason!: string;

  @Field(() => Int, { nullable: true, description: 'The version you last saw; the change is refused with CONFLICT if it moved on.' })
  @IsVersion()
  expectedVersion?: number | null;
}

@ArgsType()
export class RevealAlertIdentityArgs extends AlertIdArgs {
  @Field({ description: `Why you need the identity, ${MIN_PURPOSE_LENGTH} to ${MAX_PURPOSE_LENGTH} characters; recorded with the read and shown to the originator.` })
  @IsTextBetween(MIN_PURPOSE_LENGTH, MAX_PURPOSE_LENGTH)
  purpose!: string;
}

@ArgsType()
export class GrantIdentityAccessArgs extends AlertIdArgs {
  @Field({ description: 'The OpenID Connect subject of the regional attaché being let in.' })
  @IsTextBetween(1, 255)
  granteeSubject!: string;

  @Field({ description: `Why the attaché needs the identity, ${MIN_PURPOSE_LENGTH} to ${MAX_PURPOSE_LENGTH} characters.` })
  @IsTextBetween(MIN_PURPOSE_LENGTH, MAX_PURPOSE_LENGTH)
  reason!: string;
}

@ArgsType()
export class RevokeIdentityAccessArgs extends AlertIdArgs {
  @Field({ description: 'The OpenID Connect subject of the regional attaché whose access ends.' })
  @IsTextBetween(1, 255)
  granteeSubject!: string;
}

@ArgsType()
export class AuditIntegrityArgs {
  @Field(() => ID, { nullable: true, description: "Only this alert's chain; absent: the whole log." })
  @IsEntityId(true)
  alertId?: string | null;

  @Field(() => String, { nullable: true, description: 'headSeq of an earlier check you kept: that entry must still be in the log as it was, and only entries after it are checked. With fromHash.' })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,17}$/, { message: 'must be a sequence number from an earlier check (headSeq)' })
  fromSeq?: string | null;

  @Field(() => String, { nullable: true, description: 'headHash of that earlier check (64 hex digits). With fromSeq.' })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/, { message: 'must be the headHash of an earlier check (64 hex digits)' })
  fromHash?: string | null;
}

@ArgsType()
export class IdentityReadsArgs {
  @Field(() => ID)
  @IsEntityId()
  alertId!: string;
}

@InputType('AlertFilter', { description: 'Every field you set narrows the list.' })
export class AlertFilterInput {
  @Field(() => AlertStatusEnum, { nullable: true })
  @IsOneOf(AlertStatusEnum, true)
  status?: AlertStatusName | null;

  @Field(() => AlertKindEnum, { nullable: true })
  @IsOneOf(AlertKindEnum, true)
  kind?: AlertKindName | null;

  @Field(() => UrgencyEnum, { nullable: true })
  @IsOneOf(UrgencyEnum, true)
  urgency?: UrgencyName | null;

  @Field(() => String, { nullable: true, description: 'The origin or a target country.' })
  @IsCountryCode(true)
  country?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only alerts a target country has not acknowledged by its deadline.' })
  @IsOptional()
  @IsBoolean({ message: 'must be a boolean' })
  overdueOnly?: boolean | null;
}

@ArgsType()
export class AlertPageArgs {
  @Field(() => Int, { nullable: true, description: 'At most 100.' })
  @IsPageSize()
  first?: number | null;

  @Field(() => String, { nullable: true })
  @IsCursor()
  after?: string | null;
}

@ArgsType()
export class AlertSearchArgs extends AlertPageArgs {
  @Field(() => AlertFilterInput, { nullable: true })
  @IsNestedInput(() => AlertFilterInput, true)
  filter?: AlertFilterInput | null;
}

@ArgsType()
export class AlertFiguresArgs {
  @Field(() => Date, { nullable: true, description: 'Count alerts posted since then; absent: all.' })
  @IsTimestamp(true)
  since?: Date | null;
}

@ArgsType()
export class IdentityReadAuditArgs extends AlertPageArgs {
  @Field(() => String, { nullable: true, description: 'Only reads by this OIDC subject.' })
  @IsText(255, true)
  readerSubject?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only reads about this alert.' })
  @IsEntityId(true)
  alertId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Only reads at or after this moment.' })
  @IsTimestamp(true)
  since?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only reads before this moment.' })
  @IsTimestamp(true)
  until?: Date | null;
}
