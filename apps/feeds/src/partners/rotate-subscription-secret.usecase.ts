/**
 * A new secret for a subscription, returned once. The previous one keeps signing beside
 * it (two signatures in webhook-signature) for the overlap, so a partner can deploy the
 * new secret without losing a delivery. Both are stored sealed; the current one is opened
 * and sealed again for its new column (a ciphertext is bound to its column).
 *
 * One rotation at a time: during an overlap another is refused (CONFLICT, saying when it
 * ends). There is room for two secrets only, so it would drop the previous one at once,
 * while the partner was promised it signs until the overlap ends.
 */
import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Principal } from '@cpx/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { FeedsConfig } from '../config/feeds.config';
import { newWebhookSecret } from './domain/webhook-secret';
import { requirePartnerManager } from './partner-access';
import { lockAndOpenSecrets, sealedParameters } from './subscription-secrets';
import { findSubscription, requireId, type SubscriptionRow } from './subscription-store';
import { WebhookSecretVault } from './webhook-secret-vault';

@Injectable()
export class RotateSubscriptionSecretUseCase {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(FeedsConfig) private readonly config: FeedsConfig,
    @Inject(WebhookSecretVault) private readonly vault: WebhookSecretVault,
  ) {}

  async execute(subscriptionId: string, principal: Principal): Promise<{ subscription: SubscriptionRow; secret: string }> {
    const id = requireId(subscriptionId, 'id');
    return this.dataSource.transaction(async (tx) => {
      const subscription = await findSubscription(tx, id, true);
      requirePartnerManager(principal, subscription.partner_id);
      await refuseDuringOverlap(tx, id);
      const { current } = await lockAndOpenSecrets(tx, this.vault, id);
      const secret = newWebhookSecret();
      await tx.query(
        `UPDATE subscription SET secret = NULL, previous_secret = NULL,
           secret_key_id = $3, secret_sealed = $4, previous_secret_key_id = $5, previous_secret_sealed = $6,
           previous_secret_expires_at = now() + ($2 || ' milliseconds')::interval
         WHERE id = $1`,
        [id, String(this.config.FEEDS_SECRET_OVERLAP_MS), ...sealedParameters(this.vault, id, { current: secret, previous: current })],
      );
      return { subscription: await findSubscription(tx, id), secret };
    });
  }
}

/** By the database's clock, the one deliveries sign by. The caller holds the row's lock. */
async function refuseDuringOverlap(tx: EntityManager, subscriptionId: string): Promise<void> {
  const rows: { previous_secret_expires_at: Date }[] = await tx.query(
    `SELECT previous_secret_expires_at FROM subscription WHERE id = $1 AND previous_secret_expires_at > now()`,
    [subscriptionId],
  );
  if (rows[0]) {
    const until = rows[0].previous_secret_expires_at.toISOString();
    throw DomainError.conflict(
      `The previous secret still signs until ${until}, as promised at the last rotation; rotating again now would drop it at once. Rotate again after ${until}.`,
    );
  }
}
