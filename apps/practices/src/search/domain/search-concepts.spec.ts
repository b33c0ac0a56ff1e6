import { parseSearchQuery } from './search-query';
import { wordKeys } from './search-keys';

const conceptKeysOf = (word: string) => parseSearchQuery(word).terms[0]!.conceptKeys;
const includesWord = (keys: readonly string[], word: string) => wordKeys(word).some((key) => keys.includes(key));

describe('concepts of the library', () => {
  it('give a query word the other languages’ words for the same concept, in any script', () => {
    const keys = conceptKeysOf('трговија');
    for (const word of ['trafficking', 'trafic', 'trafikim', 'εμπορία', 'traite']) expect(includesWord(keys, word)).toBe(true);
    expect(includesWord(conceptKeysOf('училиште'), 'școală')).toBe(true);
    expect(includesWord(conceptKeysOf('deca'), 'copii')).toBe(true);
  });

  it('are named by an inflected form of the concept word too', () => {
    expect(includesWord(conceptKeysOf('fëmijëve'), 'children')).toBe(true);
    expect(includesWord(conceptKeysOf('schools'), 'училиште')).toBe(true);
  });

  it('leave a word that names no concept, or too short a prefix, alone', () => {
    expect(conceptKeysOf('Skopje')).toEqual([]);
    expect(conceptKeysOf('dec')).toEqual([]);
  });

  it('never repeat the query word’s own keys', () => {
    const term = parseSearchQuery('children').terms[0]!;
    expect(term.conceptKeys.filter((key) => term.keys.includes(key))).toEqual([]);
  });
});
