/**
 * The pull feed: a partner's events in CPX's own order (the feed sequence), after an
 * opaque cursor, filtered by the partner's subscriptions (the rule of event-filter.ts,
 * in SQL). Any cursor can be read again: the feed is a log, not a queue.
 * Its `data` is always the whole redacted event (FULL): the feed is the partner's, not one
 * subscription's, and it is where a THIN webhook sends the partner for the rest.
 */
import { Injectable } from '@nestjs/common';
import { pageSize, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { requirePartnerManager } from '../partners/partner-access';
import { requireId, requirePartner } from '../partners/subscription-store';
import { feedCursor, sequenceOf } from './domain/feed-cursor';

export interface FeedItem {
  cursor: string;
  eventId: string;
  type: string;
  subject: string;
  countries: string[];
  occurredAt: Date;
  data: string;
}

export interface FeedPage {
  items: FeedItem[];
  endCursor: string;
  hasNextPage: boolean;
}

interface FeedRow {
  sequence: string;
  event_id: string;
  type: string;
  subject: string;
  countries: string[];
  occurred_at: Date;
  data: string;
}

/** A subscription wants an event: one of its patterns names the type, and a country matches. */
export const SUBSCRIPTION_WANTS_EVENT = `
  EXISTS (SELECT 1 FROM unnest(s.event_types) AS p
          WHERE p = e.type OR (right(p, 2) = '.*' AND starts_with(e.type, left(p, -1))))
  AND (cardinality(s.countries) = 0 OR e.countries && s.countries)`;

@Injectable()
export class ReadPartnerFeedUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(input: { partnerId: string; first?: number; after?: string }, principal: Principal): Promise<FeedPage> {
    const partnerId = requireId(input.partnerId, 'partnerId');
    requirePartnerManager(principal, partnerId);
    const first = pageSize(input.first, 'page.first');
    const after = sequenceOf(input.after ?? '', 'page.after');
    await requirePartner(this.dataSource.manager, partnerId);
    const rows: FeedRow[] = await this.dataSource.query(
      `SELECT e.sequence, e.event_id, e.type, e.subject, e.countries, e.occurred_at, e.data
       FROM feed_event e
       WHERE e.sequence > $2
         AND EXISTS (SELECT 1 FROM subscription s WHERE s.partner_id = $1 AND s.deleted_at IS NULL AND ${SUBSCRIPTION_WANTS_EVENT})
       ORDER BY e.sequence
       LIMIT $3`,
      [partnerId, after, first + 1],
    );
    const items = rows.slice(0, first).map((row) => ({
      cursor: feedCursor(row.sequence),
      eventId: row.event_id,
      type: row.type,
      subject: row.subject,
      countries: row.countries,
      occurredAt: row.occurred_at,
      data: row.data,
    }));
    return { items, endCursor: items.at(-1)?.cursor ?? input.after ?? '', hasNextPage: rows.length > first };
  }
}
