import { SqlConditions } from './sql-conditions';

describe('conditions of a search', () => {
  it('numbers each value as a parameter and joins the conditions with AND, each in parentheses', () => {
    const conditions = new SqlConditions();
    conditions.and(`agency.country = ${conditions.param('RS')}`);
    conditions.and(`agency.type = ${conditions.param('POLICE')} OR agency.type = ${conditions.param('NGO')}`);
    expect(conditions.where()).toBe('WHERE (agency.country = $1) AND (agency.type = $2 OR agency.type = $3)');
    expect(conditions.values).toEqual(['RS', 'POLICE', 'NGO']);
  });

  it('is no WHERE at all without a condition', () => {
    expect(new SqlConditions().where()).toBe('');
  });
});
