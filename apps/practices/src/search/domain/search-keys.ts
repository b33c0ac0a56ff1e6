/**
 * The words of a text and the keys search compares them by. A word written in any script
 * gets the keys of @cpx/names: its spelling key (Cyrillic and Greek transliterated, case and
 * diacritics folded, the official romanisations' digraphs agreed: "Трговија" and "trgovija",
 * "Đorđe" and "Djordje") and its by-ear key (Greeklish, loanwords spelt as heard); a Greek
 * word also as Greek is written by ear. Stored text and queries are keyed alike, so each
 * meets the other whatever script either was typed in.
 */
import { byEarKey, foldText, romanise, ROMANISATIONS, spellingKey, transliterate, withoutInvisibleCharacters } from '@cpx/names';

/** Longer runs of letters are not words anyone searches for (a pasted hash, a URL's path). */
export const MAX_WORD_LENGTH = 48;

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
const GREEK = /\p{Script=Greek}/u;
/** What a key may hold, so that it can be quoted into a tsquery as a literal and nothing else. */
export const KEY = /^[\p{L}\p{N}]+$/u;

/** The words of `text` in order: runs of letters and digits, invisible characters removed first. */
export function wordsOf(text: string): string[] {
  const words = withoutInvisibleCharacters(text.normalize('NFC')).match(WORD) ?? [];
  return words.map((word) => word.slice(0, MAX_WORD_LENGTH));
}

/**
 * Keys of words seen lately. A text's words repeat (Zipf: a few hundred make most of any
 * text), and a word's keys are a pure function of it, so indexing a 1,500-word body computes
 * each distinct word's keys once. Bounded: cleared when full, never grown past it.
 */
const KEY_CACHE_SIZE = 50_000;
const keyCache = new Map<string, readonly string[]>();

/** The keys of one word: its spelling key first, then its by-ear keys. */
export function wordKeys(word: string): string[] {
  const cached = keyCache.get(word);
  if (cached) return [...cached];
  const keys = computeWordKeys(word);
  if (keyCache.size >= KEY_CACHE_SIZE) keyCache.clear();
  keyCache.set(word, keys);
  return [...keys];
}

function computeWordKeys(word: string): string[] {
  const folded = foldText(word);
  const latin = [transliterate(folded)];
  if (GREEK.test(folded)) latin.push(romanise(folded, ROMANISATIONS['el-phonetic']!));
  const keys = new Set<string>();
  for (const spelling of latin) keys.add(spellingKey(spelling));
  for (const spelling of latin) keys.add(byEarKey(spelling));
  return [...keys].filter((key) => KEY.test(key));
}

/** The spelling key alone: how a word is named in lists such as the stop words. */
export function primaryKey(word: string): string {
  return wordKeys(word)[0] ?? '';
}

/** Every key of every word of `text`, in the words' order (a word's keys side by side). */
export function textKeys(text: string, maxWords = Number.POSITIVE_INFINITY): string[] {
  return wordsOf(text)
    .slice(0, maxWords)
    .flatMap((word) => wordKeys(word));
}
