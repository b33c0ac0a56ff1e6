import { MAX_QUERY_LENGTH, MAX_QUERY_TERMS, parseSearchQuery } from './search-query';

const words = (raw: string) => parseSearchQuery(raw).terms.map((term) => term.word);

describe('parseSearchQuery', () => {
  it('takes the words of the query, in order, once each', () => {
    expect(words('трговија со деца училиште')).toEqual(['трговија', 'деца', 'училиште']);
    expect(words('deca Deca DECA деца')).toEqual(['deca']);
  });

  it('drops the stop words of every language when other words remain, and keeps them when nothing else is left', () => {
    expect(words('protection of children in the school')).toEqual(['protection', 'children', 'school']);
    expect(words('Parandalimi i martesave të fëmijëve')).toEqual(['Parandalimi', 'martesave', 'fëmijëve']);
    expect(words('παιδιά και οικογένεια')).toEqual(['παιδιά', 'οικογένεια']);
    expect(words('and the of')).toEqual(['and', 'the', 'of']);
  });

  it('reads tsquery and SQL syntax as separators, never as operators', () => {
    expect(words("deca & !trgovina | (skola:*) ' OR 1=1; --")).toEqual(['deca', 'trgovina', 'skola', '1']); // "or" is an English stop word
    expect(words('& | ! : * ( ) \'')).toEqual([]);
  });

  it('browses on an empty query, or one of spaces, punctuation or invisible characters', () => {
    for (const raw of ['', '   ', '...', '\u200B\u200C\u200D\uFEFF']) expect(parseSearchQuery(raw).terms).toEqual([]);
  });

  it('takes mixed scripts in one query, and words with invisible characters inside', () => {
    expect(words('trgovina трговија εμπορία Trgovina')).toEqual(['trgovina', 'трговија', 'εμπορία']);
    expect(words('tr\u200Bgovina')).toEqual(['trgovina']);
  });

  it('searches the first terms of a long query', () => {
    const raw = Array.from({ length: 40 }, (_, index) => `word${index}`).join(' ');
    expect(words(raw)).toHaveLength(MAX_QUERY_TERMS);
  });

  it('refuses a query longer than any real one as the caller’s input, naming the field', () => {
    expect(() => parseSearchQuery('x'.repeat(10_000), 'input.query')).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.query' }));
    expect(() => parseSearchQuery('x'.repeat(MAX_QUERY_LENGTH))).not.toThrow();
  });
});
