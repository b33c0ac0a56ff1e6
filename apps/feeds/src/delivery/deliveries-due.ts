/**
 * "Deliveries are due now": a NOTIFY sent inside the transaction that creates or requeues
 * them, which Postgres delivers at commit to every instance's delivery worker, so the
 * attempt leaves at once instead of at the next poll. Only a hint: workers poll as well.
 */
import type { EntityManager } from 'typeorm';

export const DELIVERIES_CHANNEL = 'cpx_feeds_deliveries';

export async function notifyDeliveriesDue(tx: EntityManager): Promise<void> {
  await tx.query(`SELECT pg_notify($1, '')`, [DELIVERIES_CHANNEL]);
}
