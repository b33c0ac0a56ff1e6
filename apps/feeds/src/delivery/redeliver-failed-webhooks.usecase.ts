/**
 * A partner's admin (or a platform admin) queues again every failed delivery of a
 * subscription (retries exhausted, refused, or stopped when the endpoint was disabled)
 * whose event was recorded since a time, typically once their endpoint is back.
 */
import { Injectable } from '@nestjs/common';
import { DomainError, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { requirePartnerManager } from '../partners/partner-access';
import { findSubscription, requireId } from '../partners/subscription-store';
import { notifyDeliveriesDue } from './deliveries-due';
import { enableForReplay, REQUEUE } from './replay-store';

@Injectable()
export class RedeliverFailedWebhooksUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(input: { subscriptionId: string; since: Date | undefined }, principal: Principal): Promise<number> {
    const id = requireId(input.subscriptionId, 'subscriptionId');
    const since = input.since;
    if (!since || Number.isNaN(since.getTime())) throw DomainError.badInput('since', 'since is required: redeliver what failed since when?');
    return this.dataSource.transaction(async (tx) => {
      const subscription = await findSubscription(tx, id);
      requirePartnerManager(principal, subscription.partner_id);
      await enableForReplay(tx, id);
      const requeued: unknown[] = await tx.query(
        `WITH requeued AS (
           UPDATE webhook_delivery SET ${REQUEUE} WHERE subscription_id = $1 AND state = 'FAILED' AND created_at >= $2 RETURNING id
         ) SELECT id FROM requeued`,
        [id, since],
      );
      if (requeued.length > 0) await notifyDeliveriesDue(tx);
      return requeued.length;
    });
  }
}
