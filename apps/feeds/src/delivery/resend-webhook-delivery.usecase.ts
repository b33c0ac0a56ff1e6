/**
 * A partner's admin (or a platform admin) asks for one delivery again: a new attempt now,
 * with the same webhook-id, whatever its state (a partner may have lost a delivered one).
 * An attempt under way is not doubled: CONFLICT until it has finished. The endpoint is
 * enabled again, which queues what was parked while it was disabled, after this one.
 */
import { Injectable } from '@nestjs/common';
import { DomainError, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { requirePartnerManager } from '../partners/domain/partner-access';
import { lockSubscription } from '../partners/subscription.store';
import { findDeliveryOwner, notifyDeliveriesDue, requeueDelivery } from './delivery.store';
import { enableEndpoint } from './endpoint-enabling';
import type { ResendWebhookDeliveryCommand } from './resend-webhook-delivery.command';

@Injectable()
export class ResendWebhookDeliveryUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ deliveryId: id }: ResendWebhookDeliveryCommand, principal: Principal): Promise<{ deliveryId: string; subscriptionId: string }> {
    return this.dataSource.transaction(async (tx) => {
      const owner = await findDeliveryOwner(tx, id);
      if (!owner) throw DomainError.notFound('Webhook delivery', id);
      const { subscriptionId, partnerId } = owner;
      requirePartnerManager(principal, partnerId);
      await lockSubscription(tx, subscriptionId);
      if (!(await requeueDelivery(tx, id))) throw DomainError.conflict('An attempt of this delivery is under way; resend it once it has finished.');
      await notifyDeliveriesDue(tx);
      await enableEndpoint(tx, subscriptionId, { ahead: 1 });
      return { deliveryId: id, subscriptionId };
    });
  }
}
