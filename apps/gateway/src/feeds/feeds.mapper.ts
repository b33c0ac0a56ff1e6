/** Feeds replies into GraphQL objects: only the fields the schema declares, secrets only where returned once. */
import type { DeliveryAttempt, FeedEvent, Partner, Subscription } from '@cpx/contracts';
import { dateOf, optionalDateOf } from '../directory/mappers/proto-values';
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
  };
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
