/**
 * From a query's terms and the stored keys that resemble them (the vocabulary, looked up by
 * the store: equal, sharing a prefix, or close by trigrams) to what is matched and how much
 * each match counts. No stemmer exists for half the languages, and words arrive in every
 * script and spelling, so a term matches stored keys at three tiers:
 * - exact: the same key (any script, diacritics or case, by spelling or by ear);
 * - stem: one key begins the other (the query shorter: a prefix; the stored one shorter by
 *   at most three letters: an inflected query such as "децата" for "деца"), or both share a
 *   long prefix and differ only in their last letters ("trafikimi", "trafiking");
 * - typo: at most one edit (two in long words) apart.
 * Words of languages with a Snowball stemmer also match through their own stemmed text, as
 * strongly as an exact key. A practice's score is the share of the query's terms it
 * matches, each term weighted by how rare it is (idf) and each match by its tier and by
 * whether it is in the title or summary (the head) or only the body.
 */
import { KEY } from './search-keys';
import type { SearchQuery } from './search-query';

export type MatchTier = 'exact' | 'stem' | 'typo';

/** How much a match counts, by tier, where it is in the head (title, summary) and in the body only. */
export const TIER_WEIGHTS: Readonly<Record<MatchTier, { head: number; body: number }>> = {
  exact: { head: 1, body: 0.8 },
  stem: { head: 0.9, body: 0.7 },
  typo: { head: 0.6, body: 0.45 },
};
export const STEMMED_WEIGHTS = { head: 1, body: 0.8 } as const;

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
  readonly headWeight: number;
  readonly bodyWeight: number;
}

export interface SearchPlan {
  readonly entries: readonly MatchEntry[];
  /** Weight of each term (index = term), 0 for a term nothing resembles. */
  readonly termWeights: readonly number[];
  /** Every folded key matched: selects candidate documents, and marks the words a snippet highlights. */
  readonly matchedKeys: readonly string[];
  /** The typed words (one per term), for the stemmed channel. */
  readonly words: readonly string[];
}

/** How `key`, stored, matches `candidate`, a key of the query; undefined when it does not. */
export function matchTier(candidate: string, key: string): MatchTier | undefined {
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
  const allowed = shorter.length >= 8 ? 2 : shorter.length >= 4 ? 1 : 0;
  if (allowed > 0 && editDistanceAtMost(candidate, key, allowed)) return 'typo';
  return undefined;
}

export function buildSearchPlan(query: SearchQuery, hits: readonly VocabularyHit[], documentTotal: number): SearchPlan {
  const entries: MatchEntry[] = [];
  const termWeights: number[] = [];
  const matchedKeys = new Set<string>();
  query.terms.forEach((term, index) => {
    const byTier = new Map<MatchTier, Set<string>>();
    let documentCount = 0;
    for (const hit of hits) {
      if (hit.term !== index || !KEY.test(hit.key)) continue;
      const tier = matchTier(hit.candidate, hit.key);
      if (!tier) continue;
      if (!byTier.has(tier)) byTier.set(tier, new Set());
      byTier.get(tier)!.add(hit.key);
      matchedKeys.add(hit.key);
      if (tier !== 'typo' || documentCount === 0) documentCount = Math.max(documentCount, hit.documentCount);
    }
    // A key that matches at a better tier is not matched again at a worse one.
    const seen = new Set<string>();
    for (const tier of ['exact', 'stem', 'typo'] as const) {
      const keys = [...(byTier.get(tier) ?? [])].filter((key) => !seen.has(key));
      keys.forEach((key) => seen.add(key));
      if (keys.length === 0) continue;
      entries.push({ term: index, channel: 'folded', query: tsqueryOf(keys), headWeight: TIER_WEIGHTS[tier].head, bodyWeight: TIER_WEIGHTS[tier].body });
    }
    entries.push({ term: index, channel: 'stemmed', query: term.word, headWeight: STEMMED_WEIGHTS.head, bodyWeight: STEMMED_WEIGHTS.body });
    // Rarer terms count for more; a term found in no document still counts a little (its
    // stemmed form may match), so a query of one unknown word is not divided by zero.
    termWeights.push(Math.log(1 + documentTotal / Math.max(1, documentCount)));
  });
  return { entries, termWeights, matchedKeys: [...matchedKeys], words: query.terms.map((term) => term.word) };
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
