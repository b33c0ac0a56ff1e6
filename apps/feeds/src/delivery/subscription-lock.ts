/**
 * The order every transaction that touches a subscription and its deliveries keeps: the
 * subscription's row first, as the claim locks it (FOR NO KEY UPDATE: the claim's own
 * lock, which does not block deliveries being recorded for it), then its deliveries.
 */
import type { EntityManager } from 'typeorm';

export async function lockSubscription(tx: EntityManager, subscriptionId: string): Promise<void> {
  await tx.query(`SELECT 1 FROM subscription WHERE id = $1 FOR NO KEY UPDATE`, [subscriptionId]);
}
