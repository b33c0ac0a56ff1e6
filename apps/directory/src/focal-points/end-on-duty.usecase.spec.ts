import { fromBinary } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { OnDutyEndedSchema } from '@cpx/contracts';
import type { Principal } from '@cpx/platform';
import type { DataSource } from 'typeorm';
import { EndOnDutyUseCase } from './end-on-duty.usecase';
import type { OnDutyShiftRow } from './on-duty-shift.store';

const SHIFT_ID = '44444444-4444-4444-8444-444444444444';
const AGENCY = '11111111-1111-4111-8111-111111111111';
const OTHER_AGENCY = '22222222-2222-4222-8222-222222222222';
const hours = (count: number) => new Date(Date.now() + count * 3_600_000);

const agencyAdmin = (agencyId = AGENCY, country = 'RS'): Principal => ({ subject: `admin-of-${agencyId}`, roles: ['agency_admin', 'professional'], agencyId, country });
const platformAdmin: Principal = { subject: 'platform-admin', roles: ['platform_admin'] };

/**
 * Just enough of TypeORM and Postgres (the stores' SQL): one shift, its professional of an RS agency,
 * nobody's professional record for the caller, and what is updated and published.
 */
function fakeDatabase(window: { startsAt: Date; endsAt: Date } | null, country = 'RS') {
  const updates: { id: string; endsAt: Date }[] = [];
  const outbox: { key: string; type: string; payload: Buffer }[] = [];
  const client = {
    query: async ({ text, values }: { text: string; values: unknown[] }) => {
      if (text.includes('FROM professional WHERE subject')) return { rows: [] };
      if (text.includes('INSERT INTO cpx_outbox')) {
        outbox.push({ key: values[2] as string, type: values[3] as string, payload: values[6] as Buffer });
        return { rows: [] };
      }
      throw new Error(`The fake database does not answer: ${text}`);
    },
  };
  const shift: OnDutyShiftRow | null = window && { id: SHIFT_ID, professionalId: 'p-1', country, alertKind: 'ANY', ...window };
  // As Postgres gives the professional's row back, joined with their agency (professional.store.ts).
  const professional = { id: 'p-1', agency_id: AGENCY, status: 'SUSPENDED', agency_name: 'Centar', agency_type: 'SOCIAL_SERVICES', agency_country: 'RS' };
  const manager = {
    queryRunner: { isReleased: false, isTransactionActive: true, connect: async () => client },
    query: async (text: string, values: unknown[]) => {
      if (text.includes('FROM on_duty_shift WHERE id = $1')) return shift ? [{ ...shift }] : [];
      if (text.includes('FROM professional') && text.includes('JOIN agency')) return [professional];
      if (text.startsWith('UPDATE on_duty_shift SET ends_at')) {
        updates.push({ id: values[0] as string, endsAt: values[1] as Date });
        return [];
      }
      throw new Error(`The fake database does not answer: ${text}`);
    },
  };
  const dataSource = { transaction: (work: (m: typeof manager) => unknown) => work(manager) } as unknown as DataSource;
  return { useCase: new EndOnDutyUseCase(dataSource), updates, outbox };
}

describe('ending an on-duty shift', () => {
  it('ends a running shift now, for the professional’s agency admin, and announces it with OnDutyEnded', async () => {
    const db = fakeDatabase({ startsAt: hours(-1), endsAt: hours(24 * 30) });
    const before = Date.now();
    const ended = await db.useCase.execute({ id: SHIFT_ID }, agencyAdmin());
    expect(ended.endsAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(ended.endsAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(db.updates).toEqual([{ id: SHIFT_ID, endsAt: ended.endsAt }]);
    expect(db.outbox).toHaveLength(1);
    expect(db.outbox[0]).toMatchObject({ key: SHIFT_ID, type: 'cpx.directory.v1.OnDutyEnded' });
    const event = fromBinary(OnDutyEndedSchema, db.outbox[0]!.payload);
    expect(event.shift?.id).toBe(SHIFT_ID);
    expect(timestampDate(event.shift!.endsAt!)).toEqual(ended.endsAt);
    expect(event.actorSubject).toBe(agencyAdmin().subject);
  });

  it('cancels a shift that has not begun: it ends where it starts', async () => {
    const startsAt = hours(5);
    const db = fakeDatabase({ startsAt, endsAt: hours(10) });
    expect((await db.useCase.execute({ id: SHIFT_ID }, platformAdmin)).endsAt).toEqual(startsAt);
    expect(db.updates).toEqual([{ id: SHIFT_ID, endsAt: startsAt }]);
    expect(db.outbox).toHaveLength(1);
  });

  it('answers a shift already over unchanged, and publishes nothing', async () => {
    const window = { startsAt: hours(-10), endsAt: hours(-1) };
    const db = fakeDatabase(window);
    expect(await db.useCase.execute({ id: SHIFT_ID }, agencyAdmin())).toMatchObject(window);
    expect(db.updates).toEqual([]);
    expect(db.outbox).toEqual([]);
  });

  it('refuses another agency’s admin, a professional, and an agency admin for another country, changing nothing', async () => {
    const running = { startsAt: hours(-1), endsAt: hours(8) };
    const db = fakeDatabase(running);
    for (const caller of [agencyAdmin(OTHER_AGENCY), { subject: 'pro', roles: ['professional'], agencyId: AGENCY, country: 'RS' } as Principal]) {
      await expect(db.useCase.execute({ id: SHIFT_ID }, caller)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    // A platform admin may put an RS professional on duty for BG; the RS agency's admin may not, nor end it.
    const abroad = fakeDatabase(running, 'BG');
    await expect(abroad.useCase.execute({ id: SHIFT_ID }, agencyAdmin())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect([...db.updates, ...abroad.updates, ...db.outbox, ...abroad.outbox]).toEqual([]);
    await abroad.useCase.execute({ id: SHIFT_ID }, platformAdmin);
    expect(abroad.outbox).toHaveLength(1);
  });

  it('answers NOT_FOUND for a shift that does not exist', async () => {
    await expect(fakeDatabase(null).useCase.execute({ id: SHIFT_ID }, platformAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
