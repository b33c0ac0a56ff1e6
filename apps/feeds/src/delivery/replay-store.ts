/**
 * What both replays do: queue deliveries again, attempted now, with the retry schedule
 * counting from the replay; and enable the subscription's endpoint again, since a partner
 * admin asking for a replay says the endpoint works now (its run of failures starts
 * afresh). The subscription is locked before its deliveries, as delivery does.
 */
import type { EntityManager } from 'typeorm';

export async function enableForReplay(tx: EntityManager, subscriptionId: string): Promise<void> {
  await tx.query(`SELECT 1 FROM subscription WHERE id = $1 FOR NO KEY UPDATE`, [subscriptionId]);
  await tx.query(
    `UPDATE subscription SET enabled = true, disabled_reason = '', failing_since = NULL
     WHERE id = $1 AND NOT enabled AND deleted_at IS NULL`,
    [subscriptionId],
  );
}

/** The SET clause of a replayed delivery. */
export const REQUEUE = `state = 'PENDING', next_attempt_at = now(), claim_token = NULL, retry_base = attempts`;
