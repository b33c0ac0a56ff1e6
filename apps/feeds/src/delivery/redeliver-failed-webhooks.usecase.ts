/**
 * A partner's admin (or a platform admin) queues again every failed delivery of a
 * subscription (retries exhausted, refused, or stopped when the endpoint was disabled)
 * whose event was recorded since a time, typically once their endpoint is back. The
 * endpoint is enabled again, so what was parked while it was disabled (events recorded
 * meanwhile, never attempted) is queued too, whatever the time: all of it in feed order.
 */
import { Injectable } from '@nestjs/common';
import type { Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { requirePartnerManager } from '../partners/domain/partner-access';
import { findSubscription } from '../partners/subscription.store';
import { notifyDeliveriesDue, type Queued } from './delivery.store';
import { enableEndpoint } from './endpoint-enabling';
import type { RedeliverFailedWebhooksCommand } from './redeliver-failed-webhooks.command';

@Injectable()
export class RedeliverFailedWebhooksUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ subscriptionId: id, since }: RedeliverFailedWebhooksCommand, principal: Principal): Promise<Queued> {
    return this.dataSource.transaction(async (tx) => {
      const subscription = await findSubscription(tx, id);
      requirePartnerManager(principal, subscription.partnerId);
      // Notified first: it is sent at commit, and enableEndpoint must be the last step.
      await notifyDeliveriesDue(tx);
      return enableEndpoint(tx, id, { failedSince: since });
    });
  }
}
