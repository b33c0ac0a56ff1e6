import type { EntityManager } from 'typeorm';
import { FocalPointEntity } from './focal-point.entity';
import { insertFocalPointOnce } from './name-contact-points.usecase';

const focalPoint = (id: string) =>
  Object.assign(new FocalPointEntity(), { id, country: 'RS', alertKind: 'MISSING_CHILD', professionalId: 'p-1', createdAt: new Date(0) });

/** A transaction as Postgres answers it: the INSERT's RETURNING rows, then what a read finds. */
function manager(inserted: unknown[], stored: FocalPointEntity | null) {
  const query = jest.fn().mockResolvedValue(inserted);
  const findOneBy = jest.fn().mockResolvedValue(stored);
  return { manager: { query, findOneBy } as unknown as EntityManager, query, findOneBy };
}

describe('naming a focal point once', () => {
  it('stores a new one without reading anything back', async () => {
    const fake = manager([{ id: 'new' }], null);
    const mine = focalPoint('new');
    expect(await insertFocalPointOnce(fake.manager, mine)).toEqual({ focalPoint: mine, inserted: true });
    expect(fake.query.mock.calls[0]![0]).toContain('ON CONFLICT (country, alert_kind, professional_id) DO NOTHING');
    expect(fake.findOneBy).not.toHaveBeenCalled();
  });

  // The race: both requests passed their checks, the other committed first. A plain
  // INSERT failed here on the unique constraint, an INTERNAL error for the second admin.
  it('gives back the one another request stored first, as a repeat does', async () => {
    const theirs = focalPoint('theirs');
    const fake = manager([], theirs);
    expect(await insertFocalPointOnce(fake.manager, focalPoint('mine'))).toEqual({ focalPoint: theirs, inserted: false });
    expect(fake.findOneBy).toHaveBeenCalledWith(FocalPointEntity, { country: 'RS', alertKind: 'MISSING_CHILD', professionalId: 'p-1' });
  });

  it('asks for a retry when that one was removed before it could be read', async () => {
    await expect(insertFocalPointOnce(manager([], null).manager, focalPoint('mine'))).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
