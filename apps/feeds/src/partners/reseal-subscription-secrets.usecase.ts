/**
 * Seals the secrets of subscriptions that a delivery found in clear or under an older
 * master key (subscription-secrets.ts, needsSealing) under the active one: the work the
 * startup sweep (seal-stored-secrets.usecase.ts) leaves to reads, for rows written by an
 * older instance during a deploy or sealed before a key rotation. One transaction per
 * subscription, under its row's lock, so a rotation happening meanwhile is not undone.
 * A failure only leaves the secrets as they were (they still open); it is logged, ids only.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { resealSecrets } from './subscription-secrets';
import { WebhookSecretVault } from './webhook-secret-vault';

@Injectable()
export class ResealSubscriptionSecretsUseCase {
  private readonly logger = new Logger('WebhookDelivery');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(WebhookSecretVault) private readonly vault: WebhookSecretVault,
  ) {}

  async execute(subscriptionIds: Iterable<string>): Promise<void> {
    for (const subscriptionId of subscriptionIds) {
      try {
        await this.dataSource.transaction((tx) => resealSecrets(tx, this.vault, subscriptionId));
      } catch (error) {
        this.logger.warn(`Sealing the webhook secrets of subscription ${subscriptionId} failed: ${(error as Error).message}`);
      }
    }
  }
}
