/**
 * Enabling a subscription's webhook endpoint again: by its partner's admin
 * (enable-subscription.usecase.ts) or by a replay (a partner admin asking for
 * one says the endpoint works now). Its run of failures starts afresh, and what was parked
 * while it was disabled is queued in feed order (delivery.store.ts, queueInFeedOrder).
 *
 * A delivery parked by an event being recorded as the endpoint is enabled must not stay
 * parked: the recording decided to park before it took the feed's append lock, on what it
 * read then. So, having queued what was parked, enabling takes the append lock and queues
 * what committed parked meanwhile; a recording that takes the lock after this transaction
 * commits sees the endpoint enabled (feed/record-feed-event.usecase.ts, unparkIfEnabledMeanwhile).
 * The lock is held only from that last, small statement to the commit: callers call
 * enableEndpoint last (reading a row by its key at most, after it).
 */
import type { EntityManager } from 'typeorm';
import { holdFeedAppends } from '../feed/feed.store';
import { lockSubscription } from '../partners/subscription.store';
import { queueInFeedOrder, type Queued } from './delivery.store';
import { enableEndpointRow } from './endpoint.store';

/**
 * Enables the endpoint if it is disabled, and queues its parked deliveries (and, given
 * `failedSince`, its failed ones since then) after `ahead` the caller queued. A deleted
 * subscription stays as it is.
 */
export async function enableEndpoint(tx: EntityManager, subscriptionId: string, options: { failedSince?: Date; ahead?: number } = {}): Promise<Queued> {
  await lockSubscription(tx, subscriptionId);
  const enabled = await enableEndpointRow(tx, subscriptionId);
  const queued = await queueInFeedOrder(tx, subscriptionId, options);
  // Already enabled: any recording that parked for it read that before an earlier enabling,
  // which has dealt with it.
  if (!enabled) return queued;
  await holdFeedAppends(tx);
  const meanwhile = await queueInFeedOrder(tx, subscriptionId, { ahead: (options.ahead ?? 0) + queued.requeued + queued.released });
  return { requeued: queued.requeued, released: queued.released + meanwhile.released };
}
