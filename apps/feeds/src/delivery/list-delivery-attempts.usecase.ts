/** The attempt log of a subscription's deliveries, newest first, for its partner's admins. */
import { Injectable } from '@nestjs/common';
import { encodeCursor, pageSize, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { cursorPosition, LAST_POSITION } from '../pagination/cursor-position';
import { requirePartnerManager } from '../partners/partner-access';
import { findSubscription, requireId } from '../partners/subscription-store';

export interface AttemptRow {
  id: string;
  delivery_id: string;
  event_id: string;
  attempt: number;
  status_code: number | null;
  latency_ms: number;
  error: string;
  attempted_at: Date;
}

@Injectable()
export class ListDeliveryAttemptsUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(input: { subscriptionId: string; first?: number; after?: string }, principal: Principal) {
    const id = requireId(input.subscriptionId, 'subscriptionId');
    const subscription = await findSubscription(this.dataSource.manager, id);
    requirePartnerManager(principal, subscription.partner_id);
    const first = pageSize(input.first, 'page.first');
    const before = input.after ? cursorPosition(input.after, 'page.after') : LAST_POSITION;
    const rows: AttemptRow[] = await this.dataSource.query(
      `SELECT a.id, a.delivery_id, e.event_id, a.attempt, a.status_code, a.latency_ms, a.error, a.attempted_at
       FROM delivery_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id JOIN feed_event e ON e.sequence = d.sequence
       WHERE d.subscription_id = $1 AND a.id < $2
       ORDER BY a.id DESC LIMIT $3`,
      [id, before, first + 1],
    );
    const items = rows.slice(0, first);
    return { items, endCursor: items.length > 0 ? encodeCursor([items.at(-1)!.id]) : '', hasNextPage: rows.length > first };
  }
}
