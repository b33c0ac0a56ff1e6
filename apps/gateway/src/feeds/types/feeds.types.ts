import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { PageInfoObject } from '../../graphql/relay-connection';
import { WebhookPayloadModeEnum, type WebhookPayloadModeName } from './feeds.enums';

@ObjectType('Partner', { description: 'A partner organisation that receives event feeds.' })
export class PartnerObject {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => [String], { description: 'Countries it may receive events about; empty: every country.' }) countries!: string[];
  @Field() createdAt!: Date;
}

@ObjectType('PartnerSubscription', { description: 'Which events a partner receives, and where its webhooks go. Its secret is shown only when created or rotated.' })
export class PartnerSubscriptionObject {
  @Field(() => ID) id!: string;
  @Field(() => ID) partnerId!: string;
  @Field(() => [String]) eventTypes!: string[];
  @Field(() => [String]) countries!: string[];
  @Field(() => String, { nullable: true }) webhookUrl!: string | null;
  @Field() enabled!: boolean;
  @Field(() => String, { nullable: true, description: 'Why webhooks stopped, e.g. the endpoint answered 410 Gone.' }) disabledReason!: string | null;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true, description: 'Until then the previous secret signs too.' }) previousSecretExpiresAt!: Date | null;
  @Field(() => WebhookPayloadModeEnum, { description: 'What its webhooks’ `data` carries. The pull feed and the live subscription always carry FULL data.' })
  payloadMode!: WebhookPayloadModeName;
  @Field(() => Int, {
    description: 'The version of its settings (webhook URL, event types, countries, payload mode), moved by every update that changes one; pass it as expectedVersion to update safely.',
  })
  version!: number;
}

@ObjectType('PartnerSubscriptionSecret')
export class PartnerSubscriptionSecretObject {
  @Field(() => PartnerSubscriptionObject) subscription!: PartnerSubscriptionObject;
  @Field({ description: 'whsec_<base64>: verify webhooks with it. Shown once: store it now.' }) secret!: string;
  @Field({
    description:
      'True when createPartnerSubscription answered a retry (the same idempotencyKey and input): no subscription was created, and `secret` is a new secret of the one the key created. Always false for a rotation.',
  })
  replayed!: boolean;
}

@ObjectType('PartnerFeedEvent', { description: 'One event of the partner feed, redacted: never a child’s identity, never a person’s name or contacts.' })
export class PartnerFeedEventObject {
  @Field(() => ID, { description: 'The CloudEvents id of the domain event.' }) id!: string;
  @Field({ description: 'The CloudEvents type, e.g. cpx.alerts.v1.AlertPosted.' }) type!: string;
  @Field() subject!: string;
  @Field(() => [String]) countries!: string[];
  @Field() occurredAt!: Date;
  @Field({ description: 'The event data as JSON text, always FULL: the `data` a FULL webhook carries, whatever the payload modes of the partner’s subscriptions.' }) data!: string;
}

@ObjectType('PartnerFeedEventEdge')
export class PartnerFeedEventEdge {
  @Field() cursor!: string;
  @Field(() => PartnerFeedEventObject) node!: PartnerFeedEventObject;
}

@ObjectType('PartnerFeedEventConnection')
export class PartnerFeedEventConnection {
  @Field(() => [PartnerFeedEventEdge]) edges!: PartnerFeedEventEdge[];
  @Field(() => PageInfoObject) pageInfo!: PageInfoObject;
}

@ObjectType('WebhookDeliveryAttempt')
export class WebhookDeliveryAttemptObject {
  @Field(() => ID, { description: 'The webhook-id: the same on every attempt of one delivery.' }) deliveryId!: string;
  @Field(() => ID) eventId!: string;
  @Field(() => Int) attempt!: number;
  @Field(() => Int, { nullable: true, description: 'What the endpoint answered; null when it did not.' }) statusCode!: number | null;
  @Field(() => Int) latencyMs!: number;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field() attemptedAt!: Date;
}

@ObjectType('WebhookDeliveryAttemptEdge')
export class WebhookDeliveryAttemptEdge {
  @Field() cursor!: string;
  @Field(() => WebhookDeliveryAttemptObject) node!: WebhookDeliveryAttemptObject;
}

@ObjectType('WebhookDeliveryAttemptConnection')
export class WebhookDeliveryAttemptConnection {
  @Field(() => [WebhookDeliveryAttemptEdge]) edges!: WebhookDeliveryAttemptEdge[];
  @Field(() => PageInfoObject) pageInfo!: PageInfoObject;
}
