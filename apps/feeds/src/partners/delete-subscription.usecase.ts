/** Ends a subscription: no new deliveries, pending and parked ones are dropped; its attempt log stays. */
import { Injectable } from '@nestjs/common';
import type { Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { requirePartnerManager } from './partner-access';
import { findSubscription, requireId } from './subscription-store';

@Injectable()
export class DeleteSubscriptionUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(subscriptionId: string, principal: Principal): Promise<string> {
    const id = requireId(subscriptionId, 'id');
    await this.dataSource.transaction(async (tx) => {
      const current = await findSubscription(tx, id, true);
      requirePartnerManager(principal, current.partner_id);
      await tx.query(`UPDATE subscription SET deleted_at = now(), enabled = false, disabled_reason = 'deleted' WHERE id = $1`, [id]);
      await tx.query(`UPDATE webhook_delivery SET state = 'FAILED', last_error = 'subscription deleted' WHERE subscription_id = $1 AND state IN ('PENDING', 'PARKED')`, [id]);
    });
    return id;
  }
}
