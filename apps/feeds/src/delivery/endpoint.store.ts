/**
 * All SQL of a subscription's webhook endpoint as delivery keeps it, in columns of the
 * `subscription` row: its pace (next_send_at), its run of failures (failing_since), and
 * whether it is enabled. The subscription's settings and secrets are partners/' stores'.
 * Every function here expects the caller to hold the subscription's lock, or takes it.
 */
import type { EntityManager } from 'typeorm';

/**
 * A failure starts the endpoint's run of failures or extends it, locking the row. Returns
 * the run's start.
 */
export async function recordFailure(manager: EntityManager, subscriptionId: string, attemptedAt: Date): Promise<Date | undefined> {
  const rows: { failing_since: Date }[] = await manager.query(
    `WITH failing AS (UPDATE subscription SET failing_since = coalesce(failing_since, $2) WHERE id = $1 RETURNING failing_since)
       SELECT failing_since FROM failing`,
    [subscriptionId, attemptedAt],
  );
  return rows[0]?.failing_since;
}

/**
 * A success ends the endpoints' runs of failures. Locks the subscriptions in id order, as
 * every transaction that touches both locks subscriptions before their deliveries, so that
 * two instances' batches cannot deadlock. Rows not failing are not locked.
 */
export async function endRunsOfFailures(manager: EntityManager, subscriptionIds: string[]): Promise<void> {
  await manager.query(
    `UPDATE subscription s SET failing_since = NULL
         FROM (SELECT id FROM subscription WHERE id = ANY($1::uuid[]) AND failing_since IS NOT NULL ORDER BY id FOR NO KEY UPDATE) f
         WHERE s.id = f.id`,
    [subscriptionIds],
  );
}

/** Its run of failures starts afresh (enabling it again). */
export async function endRunOfFailures(manager: EntityManager, subscriptionId: string): Promise<void> {
  await manager.query(`UPDATE subscription SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL`, [subscriptionId]);
}

/**
 * The run of failures ends when the endpoint has nothing pending left to fail (see
 * deliver-webhook.usecase.ts): a failure days later starts a run of its own.
 */
export async function endRunOfFailuresIfIdle(manager: EntityManager, subscriptionId: string): Promise<void> {
  await manager.query(
    `UPDATE subscription SET failing_since = NULL
       WHERE id = $1 AND failing_since IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM webhook_delivery WHERE subscription_id = $1 AND state = 'PENDING')`,
    [subscriptionId],
  );
}

/**
 * A Retry-After holds every delivery to the endpoint, not only the one it answered: the
 * claim takes none before next_send_at. A later pause never shortens an earlier one.
 */
export async function pauseEndpoint(manager: EntityManager, subscriptionId: string, pauseMs: number): Promise<void> {
  await manager.query(
    `UPDATE subscription SET next_send_at = greatest(next_send_at, now() + make_interval(secs => $2::float8 / 1000)) WHERE id = $1`,
    [subscriptionId, pauseMs],
  );
}

/** What the event of a disabled endpoint says of it. */
export interface DisabledEndpoint {
  partnerId: string;
  webhookUrl: string | null;
  failingSince: Date | null;
}

/** Disables an enabled, live endpoint with `reason`; undefined when it was not (nothing changed). */
export async function disableEndpointRow(manager: EntityManager, subscriptionId: string, reason: string): Promise<DisabledEndpoint | undefined> {
  const rows: { partner_id: string; webhook_url: string | null; failing_since: Date | null }[] = await manager.query(
    `WITH disabled AS (
       UPDATE subscription SET enabled = false, disabled_reason = $2 WHERE id = $1 AND enabled AND deleted_at IS NULL
       RETURNING partner_id, webhook_url, failing_since
     ) SELECT * FROM disabled`,
    [subscriptionId, reason],
  );
  return rows[0] && { partnerId: rows[0].partner_id, webhookUrl: rows[0].webhook_url, failingSince: rows[0].failing_since };
}

/** Enables a disabled, live endpoint, its run of failures afresh; returns whether it did. */
export async function enableEndpointRow(manager: EntityManager, subscriptionId: string): Promise<boolean> {
  const enabled: unknown[] = await manager.query(
    `WITH enabled AS (
       UPDATE subscription SET enabled = true, disabled_reason = '', failing_since = NULL
       WHERE id = $1 AND NOT enabled AND deleted_at IS NULL RETURNING id
     ) SELECT id FROM enabled`,
    [subscriptionId],
  );
  return enabled.length > 0;
}
