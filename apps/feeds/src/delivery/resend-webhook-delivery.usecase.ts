/**
 * A partner's admin (or a platform admin) asks for one delivery again: a new attempt now,
 * with the same webhook-id, whatever its state (a partner may have lost a delivered one).
 * An attempt under way is not doubled: CONFLICT until it has finished. The endpoint is
 * enabled again, which queues what was parked while it was disabled, after this one.
 */
import { Injectable } from '@nestjs/common';
import { DomainError, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { requirePartnerManager } from '../partners/partner-access';
import { requireId } from '../partners/subscription-store';
import { notifyDeliveriesDue } from './deliveries-due';
import { enableEndpoint } from './endpoint-enabling';
import { REQUEUE } from './replay-store';
import { lockSubscription } from './subscription-lock';

@Injectable()
export class ResendWebhookDeliveryUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(deliveryId: string, principal: Principal): Promise<{ deliveryId: string; subscriptionId: string }> {
    const id = requireId(deliveryId, 'deliveryId');
    return this.dataSource.transaction(async (tx) => {
      const rows: { subscription_id: string; partner_id: string }[] = await tx.query(
        `SELECT d.subscription_id, s.partner_id FROM webhook_delivery d JOIN subscription s ON s.id = d.subscription_id
         WHERE d.id = $1 AND s.deleted_at IS NULL`,
        [id],
      );
      if (!rows[0]) throw DomainError.notFound('Webhook delivery', id);
      const { subscription_id: subscriptionId, partner_id: partnerId } = rows[0];
      requirePartnerManager(principal, partnerId);
      await lockSubscription(tx, subscriptionId);
      const requeued: unknown[] = await tx.query(
        `WITH requeued AS (
           UPDATE webhook_delivery SET ${REQUEUE} WHERE id = $1 AND (claim_token IS NULL OR next_attempt_at <= now()) RETURNING id
         ) SELECT id FROM requeued`,
        [id],
      );
      if (requeued.length === 0) throw DomainError.conflict('An attempt of this delivery is under way; resend it once it has finished.');
      await notifyDeliveriesDue(tx);
      await enableEndpoint(tx, subscriptionId, { ahead: 1 });
      return { deliveryId: id, subscriptionId };
    });
  }
}
