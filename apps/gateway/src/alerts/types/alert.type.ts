import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { AgencyTypeEnum, AlertKindEnum, type AgencyTypeName, type AlertKindName } from '../../graphql/public-enums';
import { AlertStatusEnum, OutcomeEnum, UrgencyEnum, type AlertStatusName, type OutcomeName, type UrgencyName } from './alert.enums';
import type { AlertUpdateObject } from './alert-update.type';

@ObjectType('AlertTarget', { description: 'One target country of an alert and where it stands.' })
export class AlertTargetObject {
  @Field({ description: 'ISO 3166-1 alpha-2 code.' })
  country!: string;

  @Field({ description: 'When this country must have acknowledged; escalation starts after it.' })
  deadline!: Date;

  @Field(() => Date, { nullable: true })
  acknowledgedAt!: Date | null;

  @Field(() => ID, { nullable: true, description: 'The agency that acknowledged for this country.' })
  acknowledgedByAgencyId!: string | null;

  @Field(() => Int, { description: '0: not escalated; 1: escalated to the national focal points; 2: to the regional attaché.' })
  escalationLevel!: number;

  @Field({ description: 'The country had no focal point or on-duty contact when the alert was posted; the regional attaché was told.' })
  unrouted!: boolean;

  @Field(() => Int, { description: 'How many professionals of this country received the alert.' })
  recipientCount!: number;
}

@ObjectType('Alert', {
  description: "A cross-border alert about a child at risk, without the child's identity (see revealAlertIdentity).",
})
export class AlertObject {
  @Field(() => ID)
  id!: string;

  @Field(() => AlertKindEnum)
  kind!: AlertKindName;

  @Field(() => UrgencyEnum)
  urgency!: UrgencyName;

  @Field(() => AlertStatusEnum)
  status!: AlertStatusName;

  @Field()
  originCountry!: string;

  @Field(() => ID)
  originAgencyId!: string;

  @Field({ description: 'The OpenID Connect subject of the professional who posted it.' })
  postedBySubject!: string;

  @Field(() => [AlertTargetObject])
  targets!: AlertTargetObject[];

  @Field(() => [AgencyTypeEnum], { description: 'Empty: every kind of agency.' })
  targetAgencyTypes!: AgencyTypeName[];

  @Field()
  title!: string;

  @Field()
  summary!: string;

  @Field(() => OutcomeEnum, { nullable: true, description: 'Set once RESOLVED.' })
  outcome!: OutcomeName | null;

  @Field(() => String, { nullable: true })
  outcomeNote!: string | null;

  @Field()
  postedAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;

  @Field(() => Int, { description: 'Incremented by every change; pass it as expectedVersion to resolve or cancel safely.' })
  version!: number;

  @Field({ description: "The child's identity was erased after the retention period; counts and timings remain." })
  identityErased!: boolean;

  /** The update thread, when the reply that carried the alert carried it too (GetAlert); else `updates` fetches it. */
  loadedUpdates?: AlertUpdateObject[];
}

@ObjectType('PostAlertPayload')
export class PostAlertPayload {
  @Field(() => AlertObject)
  alert!: AlertObject;

  @Field({ description: 'True when this post replayed an earlier one with the same idempotency key: no new alert was created.' })
  replayed!: boolean;
}
