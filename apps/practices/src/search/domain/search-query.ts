/**
 * What the one search box was given, as terms to match. Only letters and digits ever become
 * a term: everything else (tsquery and SQL syntax such as & | ! : * ( ) ', quotes, HTML,
 * punctuation, invisible format characters) separates words and is otherwise ignored, so a
 * query can never be read as an operator by Postgres. An empty query, or one of only
 * punctuation, is a browse: every practice the filters allow. A query longer than any real
 * one is refused as the caller's input, naming the field.
 */
import { DomainError } from '@cpx/platform';
import { conceptKeys } from './search-concepts';
import { wordKeys, wordsOf } from './search-keys';
import { matchTier } from './search-plan';
import { isStopWord } from './stop-words';

/** Characters: long enough for any sentence someone would type or paste as a search. */
export const MAX_QUERY_LENGTH = 500;
/** Terms searched for; words past them are ignored (their order is the typed order). */
export const MAX_QUERY_TERMS = 12;

export interface SearchTerm {
  /** The word as typed (NFC). */
  readonly word: string;
  /** Its keys (search-keys.ts): what the stored keys are looked up by. */
  readonly keys: readonly string[];
  /** The keys of the library's concepts it names (search-concepts.ts), looked up too, matched at a low weight. */
  readonly conceptKeys: readonly string[];
}

export interface SearchQuery {
  /** Empty for a browse. */
  readonly terms: readonly SearchTerm[];
}

export function parseSearchQuery(raw: string, field = 'query'): SearchQuery {
  if (raw.length > MAX_QUERY_LENGTH) {
    throw DomainError.badInput(field, `A search is at most ${MAX_QUERY_LENGTH} characters.`);
  }
  const byKey = new Map<string, string>();
  for (const word of wordsOf(raw)) if (!byKey.has(wordKeys(word)[0] ?? word)) byKey.set(wordKeys(word)[0] ?? word, word);
  const words = [...byKey.values()];
  const meaningful = words.filter((word) => !isStopWord(word));
  const chosen = (meaningful.length > 0 ? meaningful : words).slice(0, MAX_QUERY_TERMS);
  return {
    terms: chosen
      .map((word) => wordKeys(word))
      .map((keys, index) => ({ word: chosen[index]!, keys, conceptKeys: conceptKeys(keys, namesConcept) }))
      .filter((term) => term.keys.length > 0),
  };
}

/** A query word names a concept word when it is that word, or a form of it of four letters or more. */
function namesConcept(queryKey: string, conceptKey: string): boolean {
  const tier = matchTier(queryKey, conceptKey);
  return tier === 'exact' || (tier === 'stem' && queryKey.length >= 4);
}
