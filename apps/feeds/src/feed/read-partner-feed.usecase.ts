/**
 * The pull feed: a partner's events in CPX's own order (the feed sequence), after an
 * opaque cursor, filtered by the partner's subscriptions (the rule of event-filter.ts,
 * in SQL). Any cursor can be read again: the feed is a log, not a queue.
 * Its `data` is always the whole redacted event (FULL): the feed is the partner's, not one
 * subscription's, and it is where a THIN webhook sends the partner for the rest.
 *
 * One read looks at no more than SCAN_ROWS events of the whole feed after the cursor (of
 * every partner's, most of which a narrow subscription does not want). When those hold
 * fewer than a page of the partner's events, the page ends early and its endCursor is
 * the last event looked at, not the last one returned: the next read starts after the
 * events this partner does not want, instead of looking through them again (a live
 * subscriber reads about once a second). That cursor is a visible event's sequence, as
 * an item's is, so it never passes over an event that commits later: positions commit
 * in the order they are drawn (record-feed-event.usecase.ts, "Feed order" in
 * docs/architecture.md). hasNextPage says there may be more after it, so a page can hold
 * fewer than `first` events, even none, and still have a next one.
 */
import { Injectable } from '@nestjs/common';
import type { Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { requirePartnerManager } from '../partners/domain/partner-access';
import { requirePartner } from '../partners/partner.store';
import { feedCursor } from './domain/feed-cursor';
import { scanPartnerFeed, type ScanRow } from './feed.store';
import type { ReadPartnerFeedCommand } from './read-partner-feed.command';

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

/** How many of the feed's events one read looks at, at most, whatever the partner wants of them. */
export const SCAN_ROWS = 1_000;

@Injectable()
export class ReadPartnerFeedUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ partnerId, first, after, afterSequence }: ReadPartnerFeedCommand, principal: Principal): Promise<FeedPage> {
    requirePartnerManager(principal, partnerId);
    await requirePartner(this.dataSource.manager, partnerId);
    const rows = await scanPartnerFeed(this.dataSource.manager, partnerId, afterSequence, first + 1, SCAN_ROWS);
    return feedPage(rows, first, after);
  }
}

function feedPage(rows: ScanRow[], first: number, after: string): FeedPage {
  const wanted = rows.filter((row) => row.sequence !== null);
  const items = wanted.slice(0, first).map((row) => ({
    cursor: feedCursor(row.sequence!),
    eventId: row.eventId,
    type: row.type,
    subject: row.subject,
    countries: row.countries,
    occurredAt: row.occurredAt,
    data: row.data,
  }));
  if (wanted.length > first) return { items, endCursor: items.at(-1)!.cursor, hasNextPage: true };
  const scan = rows[0];
  // Nothing after the cursor yet: the next read starts from the same place.
  if (!scan?.scannedTo) return { items, endCursor: after, hasNextPage: false };
  // Every event up to the last one looked at has been looked at: the page ends there.
  return { items, endCursor: feedCursor(scan.scannedTo), hasNextPage: scan.scanned >= SCAN_ROWS };
}
