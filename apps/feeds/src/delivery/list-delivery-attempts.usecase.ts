/** The attempt log of a subscription's deliveries, newest first, for its partner's admins. */
import { Injectable } from '@nestjs/common';
import { encodeCursor, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { requirePartnerManager } from '../partners/domain/partner-access';
import { findSubscription } from '../partners/subscription.store';
import { attemptsBefore } from './delivery.store';
import type { ListDeliveryAttemptsCommand } from './list-delivery-attempts.command';

export type { AttemptRow } from './delivery.store';

@Injectable()
export class ListDeliveryAttemptsUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ subscriptionId: id, first, before }: ListDeliveryAttemptsCommand, principal: Principal) {
    const subscription = await findSubscription(this.dataSource.manager, id);
    requirePartnerManager(principal, subscription.partnerId);
    const rows = await attemptsBefore(this.dataSource.manager, id, before, first + 1);
    const items = rows.slice(0, first);
    return { items, endCursor: items.length > 0 ? encodeCursor([items.at(-1)!.id]) : '', hasNextPage: rows.length > first };
  }
}
