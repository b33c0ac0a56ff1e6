/**
 * Disabling a subscription's webhook endpoint, and the operational event that says so
 * (cpx.feeds.v1.WebhookEndpointDisabled, through the outbox in the same transaction).
 * What it had pending is parked until it is enabled again (delivery.store.ts).
 */
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { FeedsEvents, WebhookDisabledReason } from '@cpx/contracts';
import { assertUnreachable, recordEvent } from '@cpx/platform';
import type { EntityManager } from 'typeorm';
import { parkPendingDeliveries } from './delivery.store';
import type { DisableReason } from './domain/retry-policy';
import { disableEndpointRow } from './endpoint.store';

function reasonMessage(reason: DisableReason): WebhookDisabledReason {
  switch (reason) {
    case 'GONE_410':
      return WebhookDisabledReason.GONE_410;
    case 'FAILING_5_DAYS':
      return WebhookDisabledReason.FAILING_5_DAYS;
    default:
      return assertUnreachable(reason);
  }
}

/**
 * Returns false when the endpoint was already disabled (nothing changed, no event). The
 * caller has locked the subscription.
 */
export async function disableEndpoint(tx: EntityManager, input: { subscriptionId: string; reason: DisableReason; message: string }): Promise<boolean> {
  const disabled = await disableEndpointRow(tx, input.subscriptionId, input.message);
  if (!disabled) return false;
  await parkPendingDeliveries(tx, input.subscriptionId);
  const now = new Date();
  await recordEvent(tx, {
    topic: FeedsEvents.topic,
    event: FeedsEvents.types.webhookEndpointDisabled,
    aggregateId: input.subscriptionId,
    subject: `subscriptions/${input.subscriptionId}`,
    occurredAt: now,
    data: {
      subscriptionId: input.subscriptionId,
      partnerId: disabled.partnerId,
      webhookUrl: disabled.webhookUrl ?? '',
      reason: reasonMessage(input.reason),
      failingSince: disabled.failingSince ? timestampFromDate(disabled.failingSince) : undefined,
      occurredAt: timestampFromDate(now),
    },
  });
  return true;
}
