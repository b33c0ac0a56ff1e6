import { prefixedColumns, unprefixed } from './prefixed-columns';

describe('prefixed columns', () => {
  it('selects each column under its table alias with a prefixed name', () => {
    expect(prefixedColumns('caller', 'id, agency_id,  status')).toBe(
      'caller.id AS "caller__id", caller.agency_id AS "caller__agency_id", caller.status AS "caller__status"',
    );
  });

  it('gives back one table row from a joined row, leaving the other table out', () => {
    const row = { caller__id: 'p1', caller__agency_id: 'a9', agency__id: 'a1', agency__name: 'Centar' };
    expect(unprefixed(row, 'caller')).toEqual({ id: 'p1', agency_id: 'a9' });
    expect(unprefixed(row, 'agency')).toEqual({ id: 'a1', name: 'Centar' });
  });

  it('is null when the LEFT JOIN found no row, or there is no row at all', () => {
    expect(unprefixed({ caller__id: null, caller__status: null, agency__id: 'a1' }, 'caller')).toBeNull();
    expect(unprefixed(undefined, 'agency')).toBeNull();
  });
});
