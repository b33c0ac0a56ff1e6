/**
 * A partner's admin (or a platform admin) subscribes the partner to event types and
 * countries, optionally with a webhook endpoint and its payload mode (THIN unless FULL is
 * asked for: webhook-payload.ts). The secret is returned once, here, and stored only
 * sealed (webhook-secret-vault.ts).
 * A partner limited to some countries gets only those: the subscription's countries must
 * be among them, and none means all of the partner's. The endpoint's host must resolve
 * only to public addresses unless private endpoints are allowed (endpoint-guard.ts).
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { PayloadMode } from '@cpx/contracts';
import { DomainError, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { FeedsConfig } from '../config/feeds.config';
import { newWebhookSecret } from './domain/webhook-secret';
import { EndpointGuard } from './endpoint-guard';
import { requirePartnerManager } from './partner-access';
import { requireCountries, requireEventTypes, requirePayloadMode, requireWebhookUrl } from './subscription-input';
import { sealedParameters } from './subscription-secrets';
import { findSubscription, requireId, requirePartner, type SubscriptionRow } from './subscription-store';
import { WebhookSecretVault } from './webhook-secret-vault';

export interface CreateSubscriptionInput {
  partnerId: string;
  eventTypes: string[];
  countries: string[];
  webhookUrl: string;
  /** UNSPECIFIED: THIN. */
  payloadMode: PayloadMode;
}

@Injectable()
export class CreateSubscriptionUseCase {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(FeedsConfig) private readonly config: FeedsConfig,
    private readonly guard: EndpointGuard,
    @Inject(WebhookSecretVault) private readonly vault: WebhookSecretVault,
  ) {}

  async execute(input: CreateSubscriptionInput, principal: Principal): Promise<{ subscription: SubscriptionRow; secret: string }> {
    const partnerId = requireId(input.partnerId, 'input.partnerId');
    requirePartnerManager(principal, partnerId);
    const eventTypes = requireEventTypes(input.eventTypes, 'input.eventTypes');
    let countries = requireCountries(input.countries, 'input.countries');
    const webhookUrl = requireWebhookUrl(input.webhookUrl, { allowPrivate: this.config.FEEDS_ALLOW_PRIVATE_ENDPOINTS }, 'input.webhookUrl');
    const payloadMode = requirePayloadMode(input.payloadMode, 'input.payloadMode');
    const refusal = webhookUrl ? await this.guard.refusal(webhookUrl) : undefined;
    if (refusal) throw DomainError.badInput('input.webhookUrl', `input.webhookUrl ${refusal.message}.`);
    return this.dataSource.transaction(async (tx) => {
      const partner = await requirePartner(tx, partnerId);
      if (partner.countries.length > 0) {
        const outside = countries.filter((country) => !partner.countries.includes(country));
        if (outside.length > 0) throw DomainError.badInput('input.countries', `input.countries: this partner may not receive events about ${outside.join(', ')}.`);
        if (countries.length === 0) countries = partner.countries;
      }
      const id = randomUUID();
      const secret = newWebhookSecret();
      await tx.query(
        `INSERT INTO subscription (id, partner_id, event_types, countries, webhook_url, payload_mode, secret_key_id, secret_sealed, previous_secret_key_id, previous_secret_sealed, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())`,
        [id, partnerId, eventTypes, countries, webhookUrl, payloadMode, ...sealedParameters(this.vault, id, { current: secret })],
      );
      return { subscription: await findSubscription(tx, id), secret };
    });
  }
}
