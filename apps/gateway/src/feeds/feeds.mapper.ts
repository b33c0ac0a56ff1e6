/** Feeds replies into GraphQL objects: only the fields the schema declares, secrets only where returned once. */
import type { MessageInitShape } from '@bufbuild/protobuf';
import { PayloadMode, type DeliveryAttempt, type FeedEvent, type Partner, type Subscription, type UpdateSubscriptionRequestSchema } from '@cpx/contracts';
import { dateOf, enumValue, optionalDateOf, optionalVersion, requiredEnumName } from '../graphql/proto-values';
import type { UpdatePartnerSubscriptionInput } from './inputs/feeds.input';
import type { WebhookPayloadModeName } from './types/feeds.enums';
import type { PartnerFeedEventObject, PartnerObject, PartnerSubscriptionObject, WebhookDeliveryAttemptObject } from './types/feeds.types';

export function toPartner(partner: Partner): PartnerObject {
  return { id: partner.id, name: partner.name, countries: [...partner.countries], createdAt: dateOf(partner.createdAt, 'partner.createdAt') };
}

export function toSubscription(subscription: Subscription): PartnerSubscriptionObject {
  return {
    id: subscription.id,
    partnerId: subscription.partnerId,
    eventTypes: [...subscription.eventTypes],
    countries: [...subscription.countries],
    webhookUrl: subscription.webhookUrl || null,
    enabled: subscription.enabled,
    disabledReason: subscription.disabledReason || null,
    createdAt: dateOf(subscription.createdAt, 'subscription.createdAt'),
    previousSecretExpiresAt: optionalDateOf(subscription.previousSecretExpiresAt),
    // UNSPECIFIED (0) means the default, THIN; a value this gateway does not know is the service breaking its contract.
    payloadMode: subscription.payloadMode ? requiredEnumName(PayloadMode, subscription.payloadMode, 'subscription.payloadMode') : 'THIN',
    // A feeds service from before versions sends none (0): every subscription then is at its first.
    version: Number(subscription.version) || 1,
  };
}

/** Only what the input sets: a field left out, or null, is not sent, and keeps its value. */
export function toUpdateSubscriptionRequest(input: UpdatePartnerSubscriptionInput): MessageInitShape<typeof UpdateSubscriptionRequestSchema> {
  return {
    id: input.id,
    webhookUrl: input.webhookUrl ?? undefined,
    eventTypes: input.eventTypes ? { eventTypes: input.eventTypes } : undefined,
    countries: input.countries ? { countries: input.countries } : undefined,
    payloadMode: input.payloadMode ? payloadModeOf(input.payloadMode) : undefined,
    expectedVersion: optionalVersion(input.expectedVersion),
  };
}

/** The proto value of the input's mode; none (null) is UNSPECIFIED, which the service reads as THIN. */
export function payloadModeOf(name: WebhookPayloadModeName | null | undefined): PayloadMode {
  return enumValue(PayloadMode, name);
}

export function toFeedEvent(event: FeedEvent): PartnerFeedEventObject {
  return {
    id: event.eventId,
    type: event.type,
    subject: event.subject,
    countries: [...event.countries],
    occurredAt: dateOf(event.occurredAt, 'feedEvent.occurredAt'),
    data: event.dataJson,
  };
}

export function toDeliveryAttempt(attempt: DeliveryAttempt): WebhookDeliveryAttemptObject {
  return {
    deliveryId: attempt.deliveryId,
    eventId: attempt.eventId,
    attempt: attempt.attempt,
    statusCode: attempt.statusCode || null,
    latencyMs: attempt.latencyMs,
    error: attempt.error || null,
    attemptedAt: dateOf(attempt.attemptedAt, 'attempt.attemptedAt'),
  };
}
