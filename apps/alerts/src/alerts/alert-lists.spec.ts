import { randomUUID } from 'node:crypto';
import { encodeCursor, type Principal } from '@cpx/platform';
import type { DataSource } from 'typeorm';
import { refusalOf } from '../../test/refusal-of';
import { alertCursor } from './domain/alert-cursors';
import { GetInboxUseCase } from './get-inbox.usecase';
import { SearchAlertsUseCase } from './search-alerts.usecase';

const AGENCY_ID = randomUUID();
const professional: Principal = { subject: 'pro-1', roles: ['professional'], country: 'FR', agencyId: AGENCY_ID };

/**
 * The caller is a verified professional in France; every other query is recorded and
 * answered with no rows, so a test sees whether (and with what) the lists reached SQL.
 */
function fakeDatabase() {
  const queries: { text: string; params: unknown[] }[] = [];
  const caller = {
    id: randomUUID(),
    agency_id: AGENCY_ID,
    subject: professional.subject,
    status: 'VERIFIED',
    source_version: '1',
    agency_row_id: AGENCY_ID,
    agency_country: 'FR',
    agency_type: 'POLICE',
    agency_source_version: '1',
  };
  const manager = {
    connection: { driver: { master: { query: async () => ({ rows: [caller] }) } } },
    query: async (text: string, params: unknown[]) => {
      queries.push({ text, params });
      return text.includes('count(*)') ? [{ n: '0' }] : [];
    },
  };
  return { dataSource: { manager } as unknown as DataSource, queries };
}

describe('alert lists: cursors from the client', () => {
  const forged = [
    encodeCursor(['alerts', 'not a date', randomUUID()]),
    encodeCursor(['alerts', new Date().toISOString(), 'not-a-uuid']),
    encodeCursor([new Date().toISOString(), randomUUID()]),
  ];

  it('refuses a forged alert list cursor as BAD_USER_INPUT on `after`, before any query', async () => {
    for (const after of [...forged, alertCursor('inbox', { at: new Date(), id: randomUUID() })]) {
      const { dataSource, queries } = fakeDatabase();
      expect(await refusalOf(() => new SearchAlertsUseCase(dataSource).execute({ after }, professional))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      expect(queries).toEqual([]);
    }
  });

  it('refuses a forged inbox cursor, or the alert list’s, as BAD_USER_INPUT on `after`, before any query', async () => {
    for (const after of [encodeCursor(['inbox', 'not a date', randomUUID()]), alertCursor('alerts', { at: new Date(), id: randomUUID() })]) {
      const { dataSource, queries } = fakeDatabase();
      expect(await refusalOf(() => new GetInboxUseCase(dataSource).execute({ after }, professional))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      expect(queries).toEqual([]);
    }
  });

  it('pages after a cursor it issued, by a real time and id', async () => {
    const key = { at: new Date('2026-05-31T08:15:00.123Z'), id: randomUUID() };
    const { dataSource, queries } = fakeDatabase();
    await new SearchAlertsUseCase(dataSource).execute({ after: alertCursor('alerts', key) }, professional);
    const page = queries.find((query) => query.text.includes('ORDER BY'))!;
    expect(page.params).toEqual(expect.arrayContaining([key.at, key.id]));
  });
});
