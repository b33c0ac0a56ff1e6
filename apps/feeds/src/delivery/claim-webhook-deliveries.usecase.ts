/**
 * Claims due webhook deliveries for this instance's free slots, and opens each
 * subscription's secrets (delivery-worker.ts then attempts each with
 * deliver-webhook.usecase.ts). The claim (delivery.store.ts, claimDeliveries) leases what
 * it takes, SKIP LOCKED per endpoint, paced at FEEDS_ENDPOINT_RATE_PER_SECOND, at most
 * FEEDS_ENDPOINT_CONCURRENCY in flight per endpoint, endpoints taking turns; its terms are
 * domain/claim-terms.ts'. A subscription whose secrets are still in clear or under an
 * older master key is sealed under the active one on the way
 * (partners/reseal-subscription-secrets.usecase.ts).
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FeedsConfig } from '../config/feeds.config';
import { ResealSubscriptionSecretsUseCase } from '../partners/reseal-subscription-secrets.usecase';
import { needsSealing, openSecrets } from '../partners/subscription-secrets';
import { WebhookSecretVault } from '../partners/webhook-secret-vault';
import { claimDeliveries, type ClaimedRow } from './delivery.store';
import type { ClaimedDelivery } from './domain/claimed-delivery';
import { claimTerms, signingSecrets } from './domain/claim-terms';

@Injectable()
export class ClaimWebhookDeliveriesUseCase {
  private readonly logger = new Logger('WebhookDelivery');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(WebhookSecretVault) private readonly vault: WebhookSecretVault,
    @Inject(FeedsConfig) private readonly config: FeedsConfig,
    private readonly reseal: ResealSubscriptionSecretsUseCase,
  ) {}

  async execute(limit: number): Promise<ClaimedDelivery[]> {
    const claimToken = randomUUID();
    const rows = await claimDeliveries(
      this.dataSource.manager,
      claimTerms(limit, claimToken, {
        deliveryTimeoutMs: this.config.FEEDS_DELIVERY_TIMEOUT_MS,
        pollIntervalMs: this.config.FEEDS_POLL_INTERVAL_MS,
        endpointRatePerSecond: this.config.FEEDS_ENDPOINT_RATE_PER_SECOND,
        endpointConcurrency: this.config.FEEDS_ENDPOINT_CONCURRENCY,
      }),
    );
    const claimed: ClaimedDelivery[] = [];
    const stale = new Set<string>();
    for (const row of rows) {
      const delivery = this.opened(row, claimToken);
      if (!delivery) continue;
      if (needsSealing(this.vault, row.secrets)) stale.add(row.subscriptionId);
      claimed.push(delivery);
    }
    await this.reseal.execute(stale);
    return claimed;
  }

  /** The claimed row with its secrets opened, or undefined (logged) when they do not open. */
  private opened(row: ClaimedRow, claimToken: string): ClaimedDelivery | undefined {
    let secrets;
    try {
      secrets = openSecrets(this.vault, row.subscriptionId, row.secrets);
    } catch (error) {
      // Not attempted, not logged as the partner's failure: the lease runs out and the
      // delivery is due again, once the key is configured. Ids only, never a secret.
      this.logger.error(`Delivery ${row.id} not attempted: the webhook secret of subscription ${row.subscriptionId} does not open (${(error as Error).message})`);
      return undefined;
    }
    return {
      id: row.id,
      attempt: row.attempts,
      retryBase: row.retryBase,
      claimToken,
      subscriptionId: row.subscriptionId,
      partnerId: row.partnerId,
      payloadMode: row.payloadMode,
      url: row.webhookUrl,
      secrets: signingSecrets(secrets, row.previousLive),
      sequence: row.sequence,
      type: row.type,
      occurredAt: row.occurredAt,
      data: row.data,
      sendAt: row.sendAt,
    };
  }
}
