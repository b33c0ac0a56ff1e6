/**
 * A partner's subscription and the partner, for unit specs: as the feeds' database holds
 * them (`…Columns`, what a faked query answers) and as the stores return them (`a…Row`).
 */
import type { PartnerRow } from '../src/partners/partner.store';
import type { SubscriptionColumns, SubscriptionRow } from '../src/partners/subscription.store';

export const PARTNER_ID = '0b0e6a4e-0000-4000-8000-000000000003';
export const SUBSCRIPTION_ID = '0b0e6a4e-0000-4000-8000-000000000042';

export type { SubscriptionColumns };

/** The columns of `partner`. */
export interface PartnerColumns {
  id: string;
  name: string;
  countries: string[];
  created_at: Date;
}

export function subscriptionColumns(overrides: Partial<SubscriptionColumns> = {}): SubscriptionColumns {
  return {
    id: SUBSCRIPTION_ID,
    partner_id: PARTNER_ID,
    event_types: ['cpx.alerts.v1.*'],
    countries: [],
    webhook_url: 'https://hooks.partner.example/cpx',
    enabled: true,
    disabled_reason: '',
    created_at: new Date('2026-02-01T08:00:00Z'),
    previous_secret_expires_at: null,
    payload_mode: 'THIN',
    version: 1,
    ...overrides,
  };
}

export function partnerColumns(overrides: Partial<PartnerColumns> = {}): PartnerColumns {
  return { id: PARTNER_ID, name: 'UNICEF ECARO', countries: [], created_at: new Date('2026-01-01T08:00:00Z'), ...overrides };
}

/** The subscription of subscriptionColumns(), as its store returns it. */
export function aSubscriptionRow(overrides: Partial<SubscriptionRow> = {}): SubscriptionRow {
  return {
    id: SUBSCRIPTION_ID,
    partnerId: PARTNER_ID,
    eventTypes: ['cpx.alerts.v1.*'],
    countries: [],
    webhookUrl: 'https://hooks.partner.example/cpx',
    enabled: true,
    disabledReason: '',
    createdAt: new Date('2026-02-01T08:00:00Z'),
    previousSecretExpiresAt: null,
    payloadMode: 'THIN',
    version: 1,
    ...overrides,
  };
}

/** The partner of partnerColumns(), as its store returns it. */
export function aPartnerRow(overrides: Partial<PartnerRow> = {}): PartnerRow {
  return { id: PARTNER_ID, name: 'UNICEF ECARO', countries: [], createdAt: new Date('2026-01-01T08:00:00Z'), ...overrides };
}
