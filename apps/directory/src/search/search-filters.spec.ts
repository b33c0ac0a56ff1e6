import { Brackets, type SelectQueryBuilder } from 'typeorm';
import { whereSearchTextMatches, whereSpeaks } from './search-filters';

/** The conditions a filter adds to a query, with their parameters; brackets flattened. */
function conditions(apply: (query: SelectQueryBuilder<object>) => void): { where: string; parameters: Record<string, unknown> }[] {
  const added: { where: string; parameters: Record<string, unknown> }[] = [];
  const recorder = {
    andWhere: (where: string | Brackets, parameters: Record<string, unknown> = {}) => {
      if (where instanceof Brackets) where.whereFactory(recorder as never);
      else added.push({ where, parameters });
      return recorder;
    },
    orWhere: (where: string, parameters: Record<string, unknown> = {}) => recorder.andWhere(where, parameters),
  };
  apply(recorder as unknown as SelectQueryBuilder<object>);
  return added;
}

describe('search filters', () => {
  it('looks for free text in each of its forms, escaped for LIKE', () => {
    const added = conditions((query) => whereSearchTextMatches(query, 'professional.search_text', 'Жечев_1'));
    expect(added.map(({ parameters }) => Object.values(parameters)[0])).toEqual(['%жечев\\_1%', '%zhechev\\_1%', '%zecev\\_1%']);
    expect(added[0]!.where).toBe(`professional.search_text LIKE :searchText0 ESCAPE '\\'`);
  });

  it('reads a language as a range: the tag itself and the tags that extend it', () => {
    const [added] = conditions((query) => whereSpeaks(query, 'agency.languages', 'sr'));
    expect(added!.parameters).toEqual({ language: 'sr', languageVariants: 'sr-%' });
    expect(added!.where).toContain('unnest(agency.languages)');
  });

  it('puts the case of the language right rather than refusing it', () => {
    const [added] = conditions((query) => whereSpeaks(query, 'agency.languages', 'sr-cyrl'));
    expect(added!.parameters).toEqual({ language: 'sr-Cyrl', languageVariants: 'sr-Cyrl-%' });
  });

  it.each(['sr_%', 'not a tag', 'sr-Cyrl-u-nu-latn', ''])('refuses %p as the language, naming the filter field', (language) => {
    expect(() => conditions((query) => whereSpeaks(query, 'agency.languages', language))).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'filter.language' }),
    );
  });
});
