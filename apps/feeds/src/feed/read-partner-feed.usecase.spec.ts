import { decodeCursor, type Principal } from '@cpx/platform';
import type { DataSource } from 'typeorm';
import { feedCursor } from './domain/feed-cursor';
import { ReadPartnerFeedCommand } from './read-partner-feed.command';
import { ReadPartnerFeedUseCase, SCAN_ROWS } from './read-partner-feed.usecase';

const PARTNER = '0b0e6a4e-0000-4000-8000-000000000003';
const partnerAdmin: Principal = { subject: 'partner-admin', roles: ['partner'], partnerId: PARTNER };

const event = (sequence: number) => ({
  sequence: String(sequence),
  event_id: `e-${sequence}`,
  type: 'cpx.alerts.v1.AlertPosted',
  subject: `alerts/a-${sequence}`,
  countries: ['FR'],
  occurred_at: new Date('2026-02-01T08:00:00Z'),
  data: '{}',
});

/**
 * Postgres as the feed query answers: the scan's extent on every row, with each wanted
 * event in it, or once without an event. The query and its parameters are recorded.
 */
function feedDatabase(scan: { scannedTo: number | null; scanned: number }, wanted: number[]) {
  const queries: { sql: string; parameters: unknown[] }[] = [];
  const extent = { scanned_to: scan.scannedTo === null ? null : String(scan.scannedTo), scanned: scan.scanned };
  const query = async (sql: string, parameters: unknown[] = []) => {
    if (sql.includes('FROM partner')) return [{ id: PARTNER }];
    queries.push({ sql, parameters });
    return wanted.length > 0 ? wanted.map((sequence) => ({ ...extent, ...event(sequence) })) : [{ ...extent, sequence: null }];
  };
  return { dataSource: { query, manager: { query } } as unknown as DataSource, queries };
}

const read = (database: ReturnType<typeof feedDatabase>, page: { first?: number; after?: string }) =>
  new ReadPartnerFeedUseCase(database.dataSource).execute(ReadPartnerFeedCommand.from({ partnerId: PARTNER, ...page }), partnerAdmin);

const positionOf = (cursor: string) => decodeCursor(cursor, 'cursor')[0];

describe('reading the pull feed', () => {
  it('moves the cursor past the events it looked at and the partner does not want, when none is', async () => {
    const database = feedDatabase({ scannedTo: 480, scanned: 380 }, []);
    const page = await read(database, { first: 10, after: feedCursor('100') });
    expect(page).toEqual({ items: [], endCursor: feedCursor('480'), hasNextPage: false });
  });

  it('ends a page that is not full at the last event looked at, after its own last item', async () => {
    const database = feedDatabase({ scannedTo: 480, scanned: 380 }, [150, 300]);
    const page = await read(database, { first: 10, after: feedCursor('100') });
    expect(page.items.map((item) => item.cursor)).toEqual([feedCursor('150'), feedCursor('300')]);
    expect(page).toMatchObject({ endCursor: feedCursor('480'), hasNextPage: false });
  });

  it('ends a full page at its last item, however far it looked', async () => {
    const database = feedDatabase({ scannedTo: 1_100, scanned: SCAN_ROWS }, [101, 102, 103]);
    const page = await read(database, { first: 2, after: feedCursor('100') });
    expect(page.items.map((item) => item.eventId)).toEqual(['e-101', 'e-102']);
    expect(page).toMatchObject({ endCursor: feedCursor('102'), hasNextPage: true });
  });

  it(`looks at ${SCAN_ROWS} events at most, and says there may be more when it looked at that many`, async () => {
    const database = feedDatabase({ scannedTo: 100 + SCAN_ROWS, scanned: SCAN_ROWS }, []);
    const page = await read(database, { first: 100, after: feedCursor('100') });
    expect(page).toEqual({ items: [], endCursor: feedCursor(String(100 + SCAN_ROWS)), hasNextPage: true });
    const [{ sql, parameters }] = database.queries;
    expect(parameters).toEqual([PARTNER, '100', 101, SCAN_ROWS]);
    expect(sql).toContain('WHERE sequence > $2 ORDER BY sequence LIMIT $4');
    // The wanted events are read within what was looked at, in the same statement (one snapshot).
    expect(sql).toContain('e.sequence > $2 AND e.sequence <= scan.scanned_to');
    expect(sql).toContain('LIMIT $3');
  });

  it('keeps the cursor where it was when nothing follows it, and starts from the beginning without one', async () => {
    expect(await read(feedDatabase({ scannedTo: null, scanned: 0 }, []), { after: feedCursor('480') })).toEqual({ items: [], endCursor: feedCursor('480'), hasNextPage: false });
    const empty = feedDatabase({ scannedTo: null, scanned: 0 }, []);
    expect(await read(empty, {})).toEqual({ items: [], endCursor: '', hasNextPage: false });
    expect(empty.queries[0]!.parameters[1]).toBe('0');
    expect(positionOf((await read(feedDatabase({ scannedTo: 7, scanned: 7 }, []), {})).endCursor)).toBe('7');
  });
});
