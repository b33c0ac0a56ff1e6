/** Partner and subscription rows as the wire messages the gateway reads. Secrets are never among them. */
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { MessageInitShape } from '@bufbuild/protobuf';
import { PayloadMode, type PartnerSchema, type SubscriptionSchema } from '@cpx/contracts';
import type { PartnerRow } from './partner.store';
import type { SubscriptionRow } from './subscription.store';

export function partnerMessage(row: PartnerRow): MessageInitShape<typeof PartnerSchema> {
  return { id: row.id, name: row.name, countries: row.countries, createdAt: timestampFromDate(row.createdAt) };
}

export function subscriptionMessage(row: SubscriptionRow): MessageInitShape<typeof SubscriptionSchema> {
  return {
    id: row.id,
    partnerId: row.partnerId,
    eventTypes: row.eventTypes,
    countries: row.countries,
    webhookUrl: row.webhookUrl ?? '',
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    createdAt: timestampFromDate(row.createdAt),
    previousSecretExpiresAt: row.previousSecretExpiresAt ? timestampFromDate(row.previousSecretExpiresAt) : undefined,
    payloadMode: PayloadMode[row.payloadMode],
    version: BigInt(row.version),
  };
}
