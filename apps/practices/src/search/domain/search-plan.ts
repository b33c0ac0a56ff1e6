/**
 * From a query's terms and the stored keys that resemble them (the vocabulary, looked up by
 * the store: equal, sharing a prefix, or close by trigrams) to what is matched and how much
 * each match counts. No stemmer exists for half the languages, and words arrive in every
 * script and spelling, so a term matches stored keys at three tiers:
 * - exact: the same key (any script, diacritics or case, by spelling or by ear);
 * - stem: one key begins the other (the query shorter: a prefix; the stored one shorter by
 *   at most three letters: an inflected query such as "децата" for "деца"), both share a
 *   long prefix and differ only in their last letters ("trafikimi", "trafiking"), or a short
 *   word differs in its last letter only, as the region's nouns decline ("deca", "decu",
 *   "decom"; "copii", "copil");
 * - typo: at most one edit (two in long words) apart; only for a term whose keys are not
 *   stored as typed (a known word is not corrected into other known words);
 * - concept: equal to, or a stem of, another word of a concept the term names
 *   (search-concepts.ts), in any language. It does not make the term commoner: a term's idf
 *   counts the texts it matches itself.
 * Words of languages with a Snowball stemmer also match through their own stemmed text, as
 * strongly as an exact key. A practice's score is the share of the query's terms it
 * matches, each term weighted by how rare it is (idf: the texts it matches in any of these
 * ways, counted by the store) and each match by its tier and by where it is: the title,
 * the summary, or only the body.
 */
import { KEY } from './search-keys';
import type { SearchQuery } from './search-query';

export type MatchTier = 'exact' | 'stem' | 'typo' | 'concept';

export interface PlaceWeights {
  readonly title: number;
  readonly summary: number;
  readonly body: number;
}

/** How much a match counts, by tier and by where its best place is: the title, the summary, only the body. */
export const TIER_WEIGHTS: Readonly<Record<MatchTier, PlaceWeights>> = {
  exact: { title: 1, summary: 0.9, body: 0.75 },
  stem: { title: 0.9, summary: 0.8, body: 0.65 },
  typo: { title: 0.6, summary: 0.55, body: 0.45 },
  // Another word for the same concept (search-concepts.ts): found, below what the query said,
  // and only in the title or summary, where a practice says what it is about (in a body
  // the library's concepts are everywhere).
  concept: { title: 0.5, summary: 0.45, body: 0 },
};
/** A match by the text's own stemmer is as good as an exact one. */
export const STEMMED_WEIGHTS: PlaceWeights = TIER_WEIGHTS.exact;

/** A stored key found for one of a term's keys (by the store's vocabulary lookup). */
export interface VocabularyHit {
  readonly term: number;
  readonly candidate: string;
  readonly key: string;
  readonly documentCount: number;
}

/** One way a term can match: a tsquery over the folded keys, or a word for the stemmed text. */
export interface MatchEntry {
  readonly term: number;
  /** 'folded', or the text search configuration whose stemmed text `query` is matched in. */
  readonly channel: 'folded' | 'stemmed';
  /** folded: a tsquery of quoted keys joined by |; stemmed: the word as typed, for plainto_tsquery. */
  readonly query: string;
  readonly weights: PlaceWeights;
  /** False for concept matches: they do not count in the term's idf. */
  readonly direct: boolean;
}

export interface SearchPlan {
  readonly entries: readonly MatchEntry[];
  readonly termCount: number;
  /** Every folded key matched: selects candidate documents, and marks the words a snippet highlights. */
  readonly matchedKeys: readonly string[];
  /** The typed words (one per term), for the stemmed channel. */
  readonly words: readonly string[];
}

/** How `key`, stored, matches `candidate`, a key of the query; undefined when it does not. */
export function matchTier(candidate: string, key: string): Exclude<MatchTier, 'concept'> | undefined {
  if (candidate === key) return 'exact';
  const [shorter, longer] = candidate.length <= key.length ? [candidate, key] : [key, candidate];
  if (longer.startsWith(shorter)) {
    // The query a prefix of the stored word: what someone types before finishing it.
    if (shorter === candidate && shorter.length >= 3) return 'stem';
    // The stored word a prefix of the query: an inflected or longer form of it.
    if (shorter === key && shorter.length >= 4 && longer.length - shorter.length <= 3) return 'stem';
  }
  const common = commonPrefixLength(candidate, key);
  if (common >= 5 && common >= longer.length - 3) return 'stem';
  if (shorter.length >= 4 && longer.length - shorter.length <= 1 && common >= shorter.length - 1) return 'stem';
  const allowed = shorter.length >= 8 ? 2 : shorter.length >= 4 ? 1 : 0;
  if (allowed > 0 && editDistanceAtMost(candidate, key, allowed)) return 'typo';
  return undefined;
}

export function buildSearchPlan(query: SearchQuery, hits: readonly VocabularyHit[]): SearchPlan {
  const entries: MatchEntry[] = [];
  const matchedKeys = new Set<string>();
  query.terms.forEach((term, index) => {
    const byTier = new Map<MatchTier, Set<string>>();
    for (const hit of hits) {
      if (hit.term !== index || !KEY.test(hit.key)) continue;
      const direct = term.keys.includes(hit.candidate);
      const matched = matchTier(hit.candidate, hit.key);
      const tier = direct ? matched : matched === 'exact' || matched === 'stem' ? 'concept' : undefined;
      if (!tier) continue;
      if (!byTier.has(tier)) byTier.set(tier, new Set());
      byTier.get(tier)!.add(hit.key);
    }
    // A key that matches at a better tier is not matched again at a worse one.
    const seen = new Set<string>();
    const tiers = byTier.has('exact') ? (['exact', 'stem', 'concept'] as const) : (['exact', 'stem', 'typo', 'concept'] as const);
    for (const tier of tiers) {
      const keys = [...(byTier.get(tier) ?? [])].filter((key) => !seen.has(key));
      keys.forEach((key) => {
        seen.add(key);
        matchedKeys.add(key);
      });
      if (keys.length === 0) continue;
      entries.push({ term: index, channel: 'folded', query: tsqueryOf(keys), weights: TIER_WEIGHTS[tier], direct: tier !== 'concept' });
    }
    entries.push({ term: index, channel: 'stemmed', query: term.word, weights: STEMMED_WEIGHTS, direct: true });
  });
  return { entries, termCount: query.terms.length, matchedKeys: [...matchedKeys], words: query.terms.map((term) => term.word) };
}

/** Keys as a tsquery of alternatives. Keys are letters and digits only (KEY), so quoting makes each a literal. */
export function tsqueryOf(keys: readonly string[]): string {
  for (const key of keys) {
    if (!KEY.test(key)) throw new Error(`Not a search key: ${JSON.stringify(key)}`);
  }
  return keys.map((key) => `'${key}'`).join(' | ');
}

function commonPrefixLength(left: string, right: string): number {
  let length = 0;
  while (length < left.length && length < right.length && left[length] === right[length]) length += 1;
  return length;
}

/** Whether two words are at most `limit` edits apart (insert, delete, substitute, swap neighbours). */
export function editDistanceAtMost(left: string, right: string, limit: number): boolean {
  if (Math.abs(left.length - right.length) > limit) return false;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= right.length; j += 1) {
      const cost = left[i - 1] === right[j - 1] ? 0 : 1;
      let distance = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && left[i - 1] === right[j - 2] && left[i - 2] === right[j - 1]) distance = Math.min(distance, beforePrevious[j - 2]! + 1);
      current.push(distance);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[right.length]! <= limit;
}
