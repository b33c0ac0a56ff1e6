import { fromBinary } from '@bufbuild/protobuf';
import { CountryRegisteredSchema } from '@cpx/contracts';
import type { Principal } from '@cpx/platform';
import type { DataSource } from 'typeorm';
import type { CountryRow } from './country.store';
import { RegisterCountryUseCase } from './register-country.usecase';

const admin: Principal = { subject: 'admin-1', roles: ['platform_admin'] };
const malta = { code: 'MT', name: 'Malta', languages: ['mt', 'en'] };

/**
 * Just enough of TypeORM and Postgres (country.store.ts's SQL): the country table (insert unless the code is
 * taken, read by code), nobody's professional record, and the outbox rows written.
 */
function fakeDatabase(stored: CountryRow[] = []) {
  const inserted: unknown[][] = [];
  const outbox: { key: string; type: string; subject: string; payload: Buffer }[] = [];
  const client = {
    query: async ({ text, values }: { text: string; values: unknown[] }) => {
      if (text.includes('FROM professional WHERE subject')) return { rows: [] };
      if (text.includes('INSERT INTO cpx_outbox')) {
        outbox.push({ key: values[2] as string, type: values[3] as string, subject: values[4] as string, payload: values[6] as Buffer });
        return { rows: [] };
      }
      throw new Error(`The fake database does not answer: ${text}`);
    },
  };
  const manager = {
    queryRunner: { isReleased: false, isTransactionActive: true, connect: async () => client },
    query: async (text: string, values: [string, string, string[]]) => {
      if (text.includes('FROM country WHERE code = $1')) return stored.filter((country) => country.code === values[0]);
      if (!text.includes('INSERT INTO country')) throw new Error(`The fake database does not answer: ${text}`);
      if (stored.some((country) => country.code === values[0])) return [];
      inserted.push(values);
      return [{ code: values[0] }];
    },
  };
  const dataSource = { transaction: (work: (m: typeof manager) => unknown) => work(manager) } as unknown as DataSource;
  return { useCase: new RegisterCountryUseCase(dataSource), inserted, outbox };
}

const country = (facts: typeof malta): CountryRow => ({ ...facts });

describe('registering a country', () => {
  it('stores a new state and announces it with CountryRegistered, keyed by its code', async () => {
    const db = fakeDatabase();
    const registered = await db.useCase.execute({ code: 'MT', name: '  Malta ', languages: ['mt', 'en', 'mt'] }, admin);
    expect(registered).toMatchObject(malta);
    expect(db.inserted).toEqual([['MT', 'Malta', ['mt', 'en']]]);
    expect(db.outbox).toHaveLength(1);
    expect(db.outbox[0]).toMatchObject({ key: 'MT', type: 'cpx.directory.v1.CountryRegistered', subject: 'countries/MT' });
    const event = fromBinary(CountryRegisteredSchema, db.outbox[0]!.payload);
    expect(event.country).toMatchObject(malta);
    expect(event.actorSubject).toBe(admin.subject);
  });

  it('answers a repeat with the stored country, changing and publishing nothing', async () => {
    const db = fakeDatabase([country(malta)]);
    expect(await db.useCase.execute({ ...malta, languages: ['en', 'mt'] }, admin)).toMatchObject(malta);
    expect(db.inserted).toEqual([]);
    expect(db.outbox).toEqual([]);
  });

  it('refuses the same code with other data as CONFLICT, changing and publishing nothing', async () => {
    const db = fakeDatabase([country(malta)]);
    await expect(db.useCase.execute({ ...malta, name: 'Malte' }, admin)).rejects.toMatchObject({ code: 'CONFLICT', field: 'input.name' });
    await expect(db.useCase.execute({ ...malta, languages: ['mt'] }, admin)).rejects.toMatchObject({ code: 'CONFLICT', field: 'input.languages' });
    expect(db.outbox).toEqual([]);
  });

  it('lets nobody but a platform admin register one, and writes nothing for them', async () => {
    const db = fakeDatabase();
    const callers: Principal[] = [
      { subject: 'agency-admin', roles: ['agency_admin', 'professional'], agencyId: 'a-1', country: 'RS' },
      { subject: 'pro', roles: ['professional'], agencyId: 'a-1', country: 'RS' },
      { subject: 'attache', roles: ['curator'] },
      { subject: 'unicef', roles: ['partner'], partnerId: 'unicef' },
      { subject: 'nobody', roles: [] },
    ];
    for (const caller of callers) {
      await expect(db.useCase.execute(malta, caller)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(db.inserted).toEqual([]);
    expect(db.outbox).toEqual([]);
  });
});
