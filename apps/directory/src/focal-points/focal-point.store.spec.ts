import type { EntityManager } from 'typeorm';
import { insertFocalPointOnce, type FocalPointRow } from './focal-point.store';

const focalPoint = (id: string): FocalPointRow => ({ id, country: 'RS', alertKind: 'MISSING_CHILD', professionalId: 'p-1', createdAt: new Date(0) });

/** A transaction as Postgres answers it: the INSERT's RETURNING rows, then what a read finds. */
function manager(inserted: unknown[], stored: FocalPointRow | null) {
  const query = jest.fn(async (text: string) => (text.startsWith('INSERT') ? inserted : stored ? [stored] : []));
  const reads = () => query.mock.calls.filter(([text]) => text.startsWith('SELECT'));
  return { manager: { query } as unknown as EntityManager, query, reads };
}

describe('naming a focal point once', () => {
  it('stores a new one without reading anything back', async () => {
    const fake = manager([{ id: 'new' }], null);
    const mine = focalPoint('new');
    expect(await insertFocalPointOnce(fake.manager, mine)).toEqual({ focalPoint: mine, inserted: true });
    expect(fake.query.mock.calls[0]![0]).toContain('ON CONFLICT (country, alert_kind, professional_id) DO NOTHING');
    expect(fake.reads()).toEqual([]);
  });

  // The race: both requests passed their checks, the other committed first. A plain
  // INSERT failed here on the unique constraint, an INTERNAL error for the second admin.
  it('gives back the one another request stored first, as a repeat does', async () => {
    const theirs = focalPoint('theirs');
    const fake = manager([], theirs);
    expect(await insertFocalPointOnce(fake.manager, focalPoint('mine'))).toEqual({ focalPoint: theirs, inserted: false });
    const [read] = fake.reads();
    expect(read![0]).toContain('WHERE country = $1 AND alert_kind = $2 AND professional_id = $3');
    expect((read as unknown[])[1]).toEqual(['RS', 'MISSING_CHILD', 'p-1']);
  });

  it('asks for a retry when that one was removed before it could be read', async () => {
    await expect(insertFocalPointOnce(manager([], null).manager, focalPoint('mine'))).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
