/** Partner and subscription rows as the wire messages the gateway reads. Secrets are never among them. */
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { MessageInitShape } from '@bufbuild/protobuf';
import { PayloadMode, type PartnerSchema, type SubscriptionSchema } from '@cpx/contracts';
import type { PartnerRow } from './partner.store';
import type { SubscriptionRow } from './subscription.store';

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
