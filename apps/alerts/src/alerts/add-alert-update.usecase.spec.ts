import { randomUUID } from 'node:crypto';
import type { Principal } from '@cpx/platform';
import type { DataSource } from 'typeorm';
import { refusalOf } from '../../test/refusal-of';
import { AddAlertUpdateUseCase } from './add-alert-update.usecase';
import { ReportChildFoundUseCase } from './report-child-found.usecase';
import type { IdentityVault } from '../identity/identity-vault';

const AGENCY_ID = randomUUID();
const ALERT_ID = randomUUID();
const POSTED_AT = new Date('2026-05-01T10:00:00Z');
const originator: Principal = { subject: 'poster-1', roles: ['professional'], country: 'RS', agencyId: AGENCY_ID };

/** An open alert posted by the caller's agency; what gets written is recorded. */
function fakeDatabase() {
  const written: unknown[] = [];
  const caller = {
    id: randomUUID(),
    agency_id: AGENCY_ID,
    subject: originator.subject,
    status: 'VERIFIED',
    source_version: '1',
    agency_row_id: AGENCY_ID,
    agency_country: 'RS',
    agency_type: 'POLICE',
    agency_source_version: '1',
  };
  const client = {
    query: async ({ text, values }: { text: string; values: unknown[] }) => {
      if (text.includes('FROM replica_professional')) return { rows: [caller] };
      written.push(values);
      return { rows: [] };
    },
  };
  const alert = {
    id: ALERT_ID, kind: 'MISSING_CHILD', urgency: 'HIGH', status: 'POSTED', origin_country: 'RS', origin_agency_id: AGENCY_ID, posted_at: POSTED_AT, version: 1,
  };
  const manager = {
    queryRunner: { isReleased: false, isTransactionActive: true, connect: async () => client },
    query: async (text: string, values: unknown[] = []) => {
      // Reads: the alert, no targets or recipients, and no sealed record (erased): nothing
      // to compare the text with.
      if (text.trim().startsWith('SELECT')) return text.includes('FROM alert WHERE id') ? [alert] : [];
      // The update's row, as the use case wrote it (alert-update.store.ts insertUpdate).
      if (text.includes('INSERT INTO alert_update')) {
        const [id, alertId, authorSubject, authorAgencyId, authorCountry, updateText, sightingPlace, sightingAt, createdAt, kind] = values;
        written.push({ id, alertId, authorSubject, authorAgencyId, authorCountry, text: updateText, sightingPlace, sightingAt, createdAt, kind });
        return [];
      }
      // The version bump: UPDATE ... RETURNING answers [rows, count].
      written.push(text);
      return [[{ version: 2 }], 1];
    },
  };
  const dataSource = { transaction: (work: (m: typeof manager) => unknown) => work(manager) } as unknown as DataSource;
  return { dataSource, written };
}

/** Never asked: these alerts have no sealed record left. */
const noVault = {} as IdentityVault;

const seenAt = (at: Date) => ({ text: 'Seen at the station.', sighting: { place: 'Beograd, autobuska stanica', seenAt: at } });

describe('adding an update: the sighting’s time', () => {
  it('takes a sighting from before the alert was posted, or a few minutes ahead (clocks differ)', async () => {
    for (const at of [new Date(POSTED_AT.getTime() - 7 * 86_400_000), new Date(Date.now() + 60_000)]) {
      const { dataSource, written } = fakeDatabase();
      await new AddAlertUpdateUseCase(dataSource, noVault).execute({ id: ALERT_ID, ...seenAt(at) }, originator);
      expect(written).toContainEqual(expect.objectContaining({ sightingAt: at }));
      // An update is a change of the alert: its version moves.
      expect(written).toContainEqual(expect.stringContaining('SET version = version + 1'));
    }
  });

  it.each([
    ['in an hour', new Date(Date.now() + 3_600_000), /is in the future/],
    ['19 years before the alert, before the child was born', new Date('2007-04-30T00:00:00Z'), /before the child was born/],
    ['in the year 1', new Date('0001-01-01T00:00:00Z'), /before the child was born/],
    ['that is no time at all', new Date(Number.NaN), /is not a valid time/],
  ])('refuses a sighting %s as BAD_USER_INPUT naming input.sighting.seenAt, and writes nothing', async (_case, at, message) => {
    const { dataSource, written } = fakeDatabase();
    expect(await refusalOf(() => new AddAlertUpdateUseCase(dataSource, noVault).execute({ id: ALERT_ID, ...seenAt(at) }, originator))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.sighting.seenAt',
      message: expect.stringMatching(message),
    });
    expect(written).toEqual([]);
  });
});

describe('reporting the child found', () => {
  it('is the target countries’ to report: the originating agency resolves instead, and nothing is written', async () => {
    const { dataSource, written } = fakeDatabase();
    const useCase = new ReportChildFoundUseCase(new AddAlertUpdateUseCase(dataSource, noVault));
    expect(await refusalOf(() => useCase.execute({ id: ALERT_ID, note: 'Found safe at the station in Lyon.' }, originator))).toEqual({
      code: 'FORBIDDEN',
      message: 'You may not report the child found on this alert: only the recipients in the target countries, and their agency admins, report the child found; the originating agency resolves it.',
    });
    expect(written).toEqual([]);
  });
});
