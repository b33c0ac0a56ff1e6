/**
 * Deliveries owed to a disabled endpoint wait PARKED: nothing is attempted, and they are
 * in none of the indexes the claim reads (all partial on PENDING), so a backlog parked
 * for weeks costs the delivery of every other endpoint nothing. The feed's retention
 * bounds them (an event past it is deleted with its deliveries, parked or not).
 *
 * - Disabling an endpoint parks what it had pending (endpoint-disabling.ts); events
 *   recorded while it is disabled get a parked delivery (record-feed-event.usecase.ts).
 * - Enabling it queues them again in feed order (endpoint-enabling.ts), with failed ones
 *   when a redelivery asks for those too: each gets a due time one microsecond after the
 *   one before, so the claim, which takes an endpoint's due deliveries oldest first, takes
 *   them in the order the events were recorded.
 *
 * The caller has locked the subscription (subscription-lock.ts).
 */
import type { EntityManager } from 'typeorm';
import { REQUEUE_STATE } from './replay-store';

/**
 * Parks the endpoint's pending deliveries, but not those under way: an attempt in flight
 * ends as it would have (delivered, failed or, for a retry, pending again, which enabling
 * finds as it is). A lease that ran out (its instance died) is not under way.
 */
export async function parkPendingDeliveries(tx: EntityManager, subscriptionId: string): Promise<void> {
  await tx.query(
    `UPDATE webhook_delivery SET state = 'PARKED', claim_token = NULL
     WHERE subscription_id = $1 AND state = 'PENDING' AND (claim_token IS NULL OR next_attempt_at <= now())`,
    [subscriptionId],
  );
}

export interface Queued {
  /** Failed deliveries queued again. */
  requeued: number;
  /** Parked deliveries queued. */
  released: number;
}

/**
 * Queues the subscription's parked deliveries, and its failed ones of events recorded
 * since `failedSince` when given, all in feed order, after `ahead` deliveries the caller
 * queued in this transaction.
 */
export async function queueInFeedOrder(tx: EntityManager, subscriptionId: string, options: { failedSince?: Date; ahead?: number } = {}): Promise<Queued> {
  const rows: { was: 'PARKED' | 'FAILED'; n: number }[] = await tx.query(
    `WITH waiting AS (
       SELECT id, state, row_number() OVER (ORDER BY sequence) AS turn FROM webhook_delivery
       WHERE subscription_id = $1 AND (state = 'PARKED' OR (state = 'FAILED' AND created_at >= $2))
     ), queued AS (
       UPDATE webhook_delivery d SET ${REQUEUE_STATE}, next_attempt_at = now() + ($3::int + w.turn) * interval '1 microsecond'
       FROM waiting w WHERE d.id = w.id AND d.state = w.state
       RETURNING w.state AS was
     ) SELECT was, count(*)::int AS n FROM queued GROUP BY was`,
    [subscriptionId, options.failedSince ?? null, options.ahead ?? 0],
  );
  const count = (state: 'PARKED' | 'FAILED') => rows.find((row) => row.was === state)?.n ?? 0;
  return { requeued: count('FAILED'), released: count('PARKED') };
}
