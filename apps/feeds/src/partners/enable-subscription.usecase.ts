/**
 * A partner's admin (or a platform admin) enables a subscription's webhook endpoint again,
 * once it works, without replaying anything: idempotent. Its run of failures starts
 * afresh (also when it was still enabled), and the deliveries parked while it was disabled
 * (the events recorded meanwhile) are queued, in feed order (delivery/endpoint-enabling.ts).
 */
import { Injectable } from '@nestjs/common';
import type { Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { notifyDeliveriesDue } from '../delivery/deliveries-due';
import { enableEndpoint } from '../delivery/endpoint-enabling';
import { lockSubscription } from '../delivery/subscription-lock';
import { requirePartnerManager } from './partner-access';
import { findSubscription, requireId, type SubscriptionRow } from './subscription-store';

@Injectable()
export class EnableSubscriptionUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(subscriptionId: string, principal: Principal): Promise<{ subscription: SubscriptionRow; released: number }> {
    const id = requireId(subscriptionId, 'id');
    return this.dataSource.transaction(async (tx) => {
      requirePartnerManager(principal, (await findSubscription(tx, id)).partner_id);
      await lockSubscription(tx, id);
      await tx.query(`UPDATE subscription SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL`, [id]);
      // Sent at commit; enableEndpoint must be the last step before it.
      await notifyDeliveriesDue(tx);
      const { released } = await enableEndpoint(tx, id);
      return { subscription: await findSubscription(tx, id), released };
    });
  }
}
