/** Ends a subscription: no new deliveries, pending and parked ones are dropped; its attempt log stays. */
import { Injectable } from '@nestjs/common';
import type { Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import type { DeleteSubscriptionCommand } from './delete-subscription.command';
import { requirePartnerManager } from './domain/partner-access';
import { deleteSubscription, findSubscription } from './subscription.store';

@Injectable()
export class DeleteSubscriptionUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ id }: DeleteSubscriptionCommand, principal: Principal): Promise<string> {
    await this.dataSource.transaction(async (tx) => {
      const current = await findSubscription(tx, id, true);
      requirePartnerManager(principal, current.partnerId);
      await deleteSubscription(tx, id);
    });
    return id;
  }
}
