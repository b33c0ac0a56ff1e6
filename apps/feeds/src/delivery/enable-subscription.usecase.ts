/**
 * A partner's admin (or a platform admin) enables a subscription's webhook endpoint again,
 * once it works, without replaying anything: idempotent. Its run of failures starts
 * afresh (also when it was still enabled), and the deliveries parked while it was disabled
 * (the events recorded meanwhile) are queued, in feed order (endpoint-enabling.ts).
 * It lives in delivery/, not partners/: all it changes is the endpoint's delivery state,
 * and partners/ never depends on delivery/ (the subscription is read through its store).
 */
import { Injectable } from '@nestjs/common';
import type { Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { requirePartnerManager } from '../partners/domain/partner-access';
import { findSubscription, lockSubscription, type SubscriptionRow } from '../partners/subscription.store';
import { notifyDeliveriesDue } from './delivery.store';
import type { EnableSubscriptionCommand } from './enable-subscription.command';
import { enableEndpoint } from './endpoint-enabling';
import { endRunOfFailures } from './endpoint.store';

@Injectable()
export class EnableSubscriptionUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ id }: EnableSubscriptionCommand, principal: Principal): Promise<{ subscription: SubscriptionRow; released: number }> {
    return this.dataSource.transaction(async (tx) => {
      requirePartnerManager(principal, (await findSubscription(tx, id)).partnerId);
      await lockSubscription(tx, id);
      await endRunOfFailures(tx, id);
      // Sent at commit; enableEndpoint must be the last step before it.
      await notifyDeliveriesDue(tx);
      const { released } = await enableEndpoint(tx, id);
      return { subscription: await findSubscription(tx, id), released };
    });
  }
}
