/**
 * A new secret for a subscription, returned once; the previous one keeps signing beside it
 * for the overlap (secret-rotation.ts). During an overlap another rotation is refused
 * (CONFLICT, saying when it ends): it would drop the previous secret at once.
 */
import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { FeedsConfig } from '../config/feeds.config';
import { requirePartnerManager } from './domain/partner-access';
import type { RotateSubscriptionSecretCommand } from './rotate-subscription-secret.command';
import { issueNewSecret, previousSecretSignsUntil } from './secret-rotation';
import { findSubscription, type SubscriptionRow } from './subscription.store';
import { WebhookSecretVault } from './webhook-secret-vault';

@Injectable()
export class RotateSubscriptionSecretUseCase {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(FeedsConfig) private readonly config: FeedsConfig,
    @Inject(WebhookSecretVault) private readonly vault: WebhookSecretVault,
  ) {}

  async execute({ id }: RotateSubscriptionSecretCommand, principal: Principal): Promise<{ subscription: SubscriptionRow; secret: string }> {
    return this.dataSource.transaction(async (tx) => {
      const subscription = await findSubscription(tx, id, true);
      requirePartnerManager(principal, subscription.partnerId);
      const until = await previousSecretSignsUntil(tx, id);
      if (until) {
        throw DomainError.conflict(
          `The previous secret still signs until ${until.toISOString()}, as promised at the last rotation; rotating again now would drop it at once. Rotate again after ${until.toISOString()}.`,
        );
      }
      const secret = await issueNewSecret(tx, this.vault, id, this.config.FEEDS_SECRET_OVERLAP_MS);
      return { subscription: await findSubscription(tx, id), secret };
    });
  }
}
