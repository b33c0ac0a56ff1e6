/** The attempt log of a subscription's deliveries, newest first, for its partner's admins. */
import { Injectable } from '@nestjs/common';
import { encodeCursor, pageSize, requireId, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { cursorPosition, LAST_POSITION } from '../pagination/cursor-position';
import { requirePartnerManager } from '../partners/partner-access';
import { findSubscription } from '../partners/subscription.store';
import { attemptsBefore } from './delivery.store';

export type { AttemptRow } from './delivery.store';

@Injectable()
export class ListDeliveryAttemptsUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(input: { subscriptionId: string; first?: number; after?: string }, principal: Principal) {
    const id = requireId(input.subscriptionId, 'subscriptionId');
    const subscription = await findSubscription(this.dataSource.manager, id);
    requirePartnerManager(principal, subscription.partner_id);
    const first = pageSize(input.first, 'page.first');
    const before = input.after ? cursorPosition(input.after, 'page.after') : LAST_POSITION;
    const rows = await attemptsBefore(this.dataSource.manager, id, before, first + 1);
    const items = rows.slice(0, first);
    return { items, endCursor: items.length > 0 ? encodeCursor([items.at(-1)!.id]) : '', hasNextPage: rows.length > first };
  }
}
