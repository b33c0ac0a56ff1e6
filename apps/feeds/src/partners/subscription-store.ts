/** Reading subscriptions and partners, and turning rows into the wire messages. */
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { MessageInitShape } from '@bufbuild/protobuf';
import { PayloadMode, type PartnerSchema, type SubscriptionSchema } from '@cpx/contracts';
import { DomainError } from '@cpx/platform';
import type { EntityManager } from 'typeorm';
import type { WebhookPayloadMode } from '../delivery/domain/webhook-payload';

export interface PartnerRow {
  id: string;
  name: string;
  countries: string[];
  created_at: Date;
}

export interface SubscriptionRow {
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
  /** Of its settings: moved by every update that changes one (update-subscription.usecase.ts). */
  version: number;
}

const SUBSCRIPTION_COLUMNS = `id, partner_id, event_types, countries, webhook_url, enabled, disabled_reason, created_at, previous_secret_expires_at, payload_mode, version`;

/** Re-exported so the feeds' handlers keep one import for their id checks. */
export { requireId } from '@cpx/platform';

export async function findPartner(manager: EntityManager, id: string): Promise<PartnerRow | undefined> {
  const rows: PartnerRow[] = await manager.query(`SELECT id, name, countries, created_at FROM partner WHERE id = $1`, [id]);
  return rows[0];
}

/** The partner, or NOT_FOUND: an id CPX never issued (or issued elsewhere) answers as unknown. */
export async function requirePartner(manager: EntityManager, id: string): Promise<PartnerRow> {
  const partner = await findPartner(manager, id);
  if (!partner) throw DomainError.notFound('Partner', id);
  return partner;
}

export async function findSubscription(manager: EntityManager, id: string, lock = false): Promise<SubscriptionRow> {
  const rows: SubscriptionRow[] = await manager.query(
    `SELECT ${SUBSCRIPTION_COLUMNS} FROM subscription WHERE id = $1 AND deleted_at IS NULL${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  if (!rows[0]) throw DomainError.notFound('Subscription', id);
  return rows[0];
}

export async function partnerSubscriptions(manager: EntityManager, partnerId: string): Promise<SubscriptionRow[]> {
  return manager.query(
    `SELECT ${SUBSCRIPTION_COLUMNS} FROM subscription WHERE partner_id = $1 AND deleted_at IS NULL ORDER BY created_at, id`,
    [partnerId],
  );
}

export function partnerMessage(row: PartnerRow): MessageInitShape<typeof PartnerSchema> {
  return { id: row.id, name: row.name, countries: row.countries, createdAt: timestampFromDate(row.created_at) };
}

export function subscriptionMessage(row: SubscriptionRow): MessageInitShape<typeof SubscriptionSchema> {
  return {
    id: row.id,
    partnerId: row.partner_id,
    eventTypes: row.event_types,
    countries: row.countries,
    webhookUrl: row.webhook_url ?? '',
    enabled: row.enabled,
    disabledReason: row.disabled_reason,
    createdAt: timestampFromDate(row.created_at),
    previousSecretExpiresAt: row.previous_secret_expires_at ? timestampFromDate(row.previous_secret_expires_at) : undefined,
    payloadMode: PayloadMode[row.payload_mode],
    version: BigInt(row.version),
  };
}
