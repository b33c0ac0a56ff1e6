/**
 * A new secret for a subscription, returned once. The previous one keeps signing beside
 * it (two signatures in webhook-signature) for the overlap, so a partner can deploy the
 * new secret without losing a delivery.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { FeedsConfig } from '../config/feeds.config';
import { newWebhookSecret } from './domain/webhook-secret';
import { requirePartnerManager } from './partner-access';
import { findSubscription, requireId, type SubscriptionRow } from './subscription-store';

@Injectable()
export class RotateSubscriptionSecretUseCase {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(FeedsConfig) private readonly config: FeedsConfig,
  ) {}

  async execute(subscriptionId: string, principal: Principal): Promise<{ subscription: SubscriptionRow; secret: string }> {
    const id = requireId(subscriptionId, 'id');
    return this.dataSource.transaction(async (tx) => {
      const current = await findSubscription(tx, id, true);
      requirePartnerManager(principal, current.partner_id);
      const secret = newWebhookSecret();
      await tx.query(
        `UPDATE subscription SET previous_secret = secret, secret = $2,
           previous_secret_expires_at = now() + ($3 || ' milliseconds')::interval
         WHERE id = $1`,
        [id, secret, String(this.config.FEEDS_SECRET_OVERLAP_MS)],
      );
      return { subscription: await findSubscription(tx, id), secret };
    });
  }
}
