/**
 * Disabling a subscription's webhook endpoint, and the operational event that says so
 * (cpx.feeds.v1.WebhookEndpointDisabled, through the outbox in the same transaction).
 * What it had pending is parked until it is enabled again (parked-deliveries.ts).
 */
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { FeedsEvents, WebhookDisabledReason } from '@cpx/contracts';
import { assertUnreachable, recordEvent } from '@cpx/platform';
import type { EntityManager } from 'typeorm';
import type { DisableReason } from './domain/retry-policy';
import { parkPendingDeliveries } from './parked-deliveries';

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
  const rows: { partner_id: string; webhook_url: string | null; failing_since: Date | null }[] = await tx.query(
    `WITH disabled AS (
       UPDATE subscription SET enabled = false, disabled_reason = $2 WHERE id = $1 AND enabled AND deleted_at IS NULL
       RETURNING partner_id, webhook_url, failing_since
     ) SELECT * FROM disabled`,
    [input.subscriptionId, input.message],
  );
  if (rows.length === 0) return false;
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
      partnerId: rows[0].partner_id,
      webhookUrl: rows[0].webhook_url ?? '',
      reason: reasonMessage(input.reason),
      failingSince: rows[0].failing_since ? timestampFromDate(rows[0].failing_since) : undefined,
      occurredAt: timestampFromDate(now),
    },
  });
  return true;
}
