import { SqlConditions } from '../database/sql-conditions';
import { whereSearchTextMatches, whereSpeaks } from './search-filters';

/** The condition a filter adds to a search, with its parameters. */
function condition(apply: (conditions: SqlConditions) => void): { where: string; values: unknown[] } {
  const conditions = new SqlConditions();
  apply(conditions);
  return { where: conditions.where(), values: conditions.values };
}

describe('search filters', () => {
  it('looks for free text in each of its forms, escaped for LIKE', () => {
    const added = condition((conditions) => whereSearchTextMatches(conditions, 'professional.search_text', 'Жечев_1'));
    expect(added.values).toEqual(['%жечев\\_1%', '%zhechev\\_1%', '%zecev\\_1%']);
    expect(added.where).toBe(
      `WHERE (professional.search_text LIKE $1 ESCAPE '\\' OR professional.search_text LIKE $2 ESCAPE '\\' OR professional.search_text LIKE $3 ESCAPE '\\')`,
    );
  });

  it('reads a language as a range: the tag itself and the tags that extend it', () => {
    const added = condition((conditions) => whereSpeaks(conditions, 'agency.languages', 'sr'));
    expect(added.values).toEqual(['sr', 'sr-%']);
    expect(added.where).toContain('unnest(agency.languages)');
    expect(added.where).toContain('tag = $1 OR tag LIKE $2');
  });

  it('puts the case of the language right rather than refusing it', () => {
    const added = condition((conditions) => whereSpeaks(conditions, 'agency.languages', 'sr-cyrl'));
    expect(added.values).toEqual(['sr-Cyrl', 'sr-Cyrl-%']);
  });

  it.each(['sr_%', 'not a tag', 'sr-Cyrl-u-nu-latn', ''])('refuses %p as the language, naming the filter field', (language) => {
    expect(() => condition((conditions) => whereSpeaks(conditions, 'agency.languages', language))).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'filter.language' }),
    );
  });
});
