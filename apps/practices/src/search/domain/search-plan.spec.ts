import { buildSearchPlan, editDistanceAtMost, matchTier, tsqueryOf } from './search-plan';
import { parseSearchQuery } from './search-query';

describe('matchTier', () => {
  it('matches the same key exactly', () => {
    expect(matchTier('deca', 'deca')).toBe('exact');
  });

  it('matches a prefix as typed, and the stored word a query inflects', () => {
    expect(matchTier('trafik', 'trafikig')).toBe('stem');
    expect(matchTier('protectoin', 'protection')).toBe('stem'); // a long shared start: an ending mistyped or inflected
    expect(matchTier('decata', 'deca')).toBe('stem');
    expect(matchTier('femijeve', 'femijet')).toBe('stem');
    expect(matchTier('trafikig', 'trafikimit')).toBe('stem');
  });

  it('matches short words declined in their last letter', () => {
    expect(matchTier('deca', 'decu')).toBe('stem');
    expect(matchTier('deca', 'decom')).toBe('stem');
    expect(matchTier('copii', 'copil')).toBe('stem');
  });

  it('matches a typo within one edit, two in long words; nothing further', () => {
    expect(matchTier('prihvatilste', 'prihvatiliste')).toBe('typo');
    expect(matchTier('reunifcation', 'reunification')).toBe('typo');
    expect(matchTier('shleter', 'shelter')).toBe('typo');
    expect(matchTier('skola', 'sklad')).toBeUndefined();
    expect(matchTier('dom', 'dim')).toBeUndefined();
  });

  it('does not take a long stored word for an inflection of a short query', () => {
    expect(matchTier('dete', 'detektiv')).toBe('stem'); // a prefix, as typed
    expect(matchTier('detektiv', 'dete')).toBeUndefined();
  });
});

describe('editDistanceAtMost', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistanceAtMost('protectoin', 'protection', 1)).toBe(true);
    expect(editDistanceAtMost('abc', 'cba', 1)).toBe(false);
  });
});

describe('buildSearchPlan', () => {
  const query = parseSearchQuery('deca prihvatilste');

  it('groups each term’s stored keys by tier, and corrects only a term not stored as typed', () => {
    const plan = buildSearchPlan(query, [
      { term: 0, candidate: 'deca', key: 'deca', documentCount: 3 },
      { term: 0, candidate: 'deca', key: 'decu', documentCount: 1 },
      { term: 0, candidate: 'deca', key: 'beca', documentCount: 1 },
      { term: 1, candidate: 'prihvatilste', key: 'prihvatiliste', documentCount: 1 },
    ]);
    const folded = plan.entries.filter((entry) => entry.channel === 'folded');
    expect(folded.map((entry) => [entry.term, entry.query])).toEqual([
      [0, "'deca'"],
      [0, "'decu'"],
      [1, "'prihvatiliste'"],
    ]);
    expect(plan.matchedKeys).not.toContain('beca');
    expect(plan.entries.filter((entry) => entry.channel === 'stemmed').map((entry) => entry.query)).toEqual(['deca', 'prihvatilste']);
    expect(plan.termCount).toBe(2);
  });

  it('never puts anything but a quoted key into a tsquery', () => {
    expect(tsqueryOf(['deca', 'παιδια'])).toBe("'deca' | 'παιδια'");
    expect(() => tsqueryOf(["x' | 'y"])).toThrow();
    const plan = buildSearchPlan(query, [{ term: 0, candidate: 'deca', key: "deca':*", documentCount: 1 }]);
    expect(plan.entries.filter((entry) => entry.channel === 'folded')).toEqual([]);
  });
});
