/**
 * All SQL of a subscription but its secret columns (webhook-secret.store.ts) and its
 * endpoint's delivery state (delivery/endpoint.store.ts). Other features read subscriptions
 * through here: delivery and the feed depend on partners/, never the other way round.
 * Rows come back with camelCase fields, mapped here once.
 */
import { DomainError, queryPrepared } from '@cpx/platform';
import type { EntityManager } from 'typeorm';
import type { WebhookPayloadMode } from './domain/payload-mode';

/** What a subscription asks for, as an update changes it. */
export interface SubscriptionSettings {
  webhookUrl: string | null;
  eventTypes: string[];
  countries: string[];
  payloadMode: WebhookPayloadMode;
}

export interface SubscriptionRow extends SubscriptionSettings {
  id: string;
  partnerId: string;
  enabled: boolean;
  disabledReason: string;
  createdAt: Date;
  /** Until when the previous secret still signs (after a rotation); null when there is none. */
  previousSecretExpiresAt: Date | null;
  /** Of its settings: moved by every update that changes one (update-subscription.usecase.ts). */
  version: number;
}

/** The columns as Postgres returns them (the unit specs' fakes answer with these too). */
export interface SubscriptionColumns {
  id: string;
  partner_id: string;
  event_types: string[];
  countries: string[];
  webhook_url: string | null;
  enabled: boolean;
  disabled_reason: string;
  created_at: Date;
  previous_secret_expires_at: Date | null;
  payload_mode: WebhookPayloadMode;
  version: number;
}

function subscriptionRow(row: SubscriptionColumns): SubscriptionRow {
  return {
    id: row.id,
    partnerId: row.partner_id,
    eventTypes: row.event_types,
    countries: row.countries,
    webhookUrl: row.webhook_url,
    enabled: row.enabled,
    disabledReason: row.disabled_reason,
    createdAt: row.created_at,
    previousSecretExpiresAt: row.previous_secret_expires_at,
    payloadMode: row.payload_mode,
    version: row.version,
  };
}

const SUBSCRIPTION_COLUMNS = `id, partner_id, event_types, countries, webhook_url, enabled, disabled_reason, created_at, previous_secret_expires_at, payload_mode, version`;

export async function findSubscription(manager: EntityManager, id: string, lock = false): Promise<SubscriptionRow> {
  const rows: SubscriptionColumns[] = await manager.query(
    `SELECT ${SUBSCRIPTION_COLUMNS} FROM subscription WHERE id = $1 AND deleted_at IS NULL${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  if (!rows[0]) throw DomainError.notFound('Subscription', id);
  return subscriptionRow(rows[0]);
}

export async function partnerSubscriptions(manager: EntityManager, partnerId: string): Promise<SubscriptionRow[]> {
  const rows: SubscriptionColumns[] = await manager.query(
    `SELECT ${SUBSCRIPTION_COLUMNS} FROM subscription WHERE partner_id = $1 AND deleted_at IS NULL ORDER BY created_at, id`,
    [partnerId],
  );
  return rows.map(subscriptionRow);
}

/**
 * The order every transaction that touches a subscription and its deliveries keeps: the
 * subscription's row first, as the delivery claim locks it (FOR NO KEY UPDATE: the claim's
 * own lock, which does not block deliveries being recorded for it), then its deliveries.
 */
export async function lockSubscription(manager: EntityManager, subscriptionId: string): Promise<void> {
  await manager.query(`SELECT 1 FROM subscription WHERE id = $1 FOR NO KEY UPDATE`, [subscriptionId]);
}

export interface NewSubscription extends SubscriptionSettings {
  id: string;
  partnerId: string;
  /** `secret_key_id, secret_sealed, previous_secret_key_id, previous_secret_sealed` (subscription-secrets.ts, sealedParameters). */
  sealed: [string, Buffer, string | null, Buffer | null];
  idempotency: { key: string; digest: string } | null;
}

export async function insertSubscription(manager: EntityManager, subscription: NewSubscription): Promise<void> {
  await manager.query(
    `INSERT INTO subscription (id, partner_id, event_types, countries, webhook_url, payload_mode, secret_key_id, secret_sealed, previous_secret_key_id, previous_secret_sealed, idempotency_key, request_digest, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now())`,
    [
      subscription.id,
      subscription.partnerId,
      subscription.eventTypes,
      subscription.countries,
      subscription.webhookUrl,
      subscription.payloadMode,
      ...subscription.sealed,
      subscription.idempotency?.key ?? null,
      subscription.idempotency?.digest ?? null,
    ],
  );
}

/** The subscription an idempotency key created, locked, deleted or not. */
export async function lockSubscriptionOfIdempotencyKey(
  manager: EntityManager,
  partnerId: string,
  key: string,
): Promise<{ id: string; requestDigest: string; deleted: boolean } | undefined> {
  const rows: { id: string; request_digest: string; deleted: boolean }[] = await manager.query(
    `SELECT id, request_digest, deleted_at IS NOT NULL AS deleted FROM subscription WHERE partner_id = $1 AND idempotency_key = $2 FOR NO KEY UPDATE`,
    [partnerId, key],
  );
  return rows[0] && { id: rows[0].id, requestDigest: rows[0].request_digest, deleted: rows[0].deleted };
}

/**
 * New settings, one version on. A new webhook URL is a new endpoint: its run of failures
 * and any Retry-After pause of the old one are dropped.
 */
export async function updateSubscriptionSettings(manager: EntityManager, id: string, next: SubscriptionSettings, newEndpoint: boolean): Promise<void> {
  await manager.query(
    `UPDATE subscription SET webhook_url = $2, event_types = $3, countries = $4, payload_mode = $5, version = version + 1,
           failing_since = CASE WHEN $6 THEN NULL ELSE failing_since END,
           next_send_at = CASE WHEN $6 THEN '-infinity' ELSE next_send_at END
         WHERE id = $1`,
    [id, next.webhookUrl, next.eventTypes, next.countries, next.payloadMode, newEndpoint],
  );
}

/**
 * Deliveries recorded before each carried its payload mode take the subscription's: they
 * get the mode they were made in before it changes. The caller has locked the subscription.
 * (A write to webhook_delivery, but one the subscription's own change owes: partners/ does
 * not depend on delivery/.)
 */
export async function keepModeOfEarlierDeliveries(manager: EntityManager, subscriptionId: string, mode: WebhookPayloadMode): Promise<void> {
  await manager.query(`UPDATE webhook_delivery SET payload_mode = $2 WHERE subscription_id = $1 AND payload_mode IS NULL`, [subscriptionId, mode]);
}

/** Ends a subscription: no new deliveries, pending and parked ones are dropped; its attempt log stays. */
export async function deleteSubscription(manager: EntityManager, id: string): Promise<void> {
  await manager.query(`UPDATE subscription SET deleted_at = now(), enabled = false, disabled_reason = 'deleted' WHERE id = $1`, [id]);
  await manager.query(`UPDATE webhook_delivery SET state = 'FAILED', last_error = 'subscription deleted' WHERE subscription_id = $1 AND state IN ('PENDING', 'PARKED')`, [id]);
}

/** What the feed matches an event against: every live subscription with a webhook endpoint. */
export interface WebhookSubscriptionRow {
  id: string;
  eventTypes: string[];
  countries: string[];
  enabled: boolean;
  payloadMode: WebhookPayloadMode;
}

/** Prepared: it runs for every event the feed records. */
export async function webhookSubscriptions(manager: EntityManager): Promise<WebhookSubscriptionRow[]> {
  const rows = await queryPrepared<{ id: string; event_types: string[]; countries: string[]; enabled: boolean; payload_mode: WebhookPayloadMode }>(
    manager,
    `SELECT id, event_types, countries, enabled, payload_mode FROM subscription
       WHERE deleted_at IS NULL AND webhook_url IS NOT NULL`,
    [],
  );
  return rows.map((row) => ({ id: row.id, eventTypes: row.event_types, countries: row.countries, enabled: row.enabled, payloadMode: row.payload_mode }));
}
