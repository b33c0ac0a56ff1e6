/**
 * Highlights on the original text, in whatever script it is written: a word is marked when
 * one of its keys is a key the query matched (search-plan.ts), so "Трговија" is marked for
 * a query "trgovija". Postgres' ts_headline cannot do this (it marks lexemes of one
 * configuration, in the text's own script). The result is plain text with ranges, never
 * markup, so a client renders it safely whatever the text holds.
 */
import { wordKeys } from './search-keys';

export interface HighlightedText {
  readonly text: string;
  /** Ranges of `text` (UTF-16 offsets, as JavaScript strings index) to highlight, in order. */
  readonly highlights: readonly { readonly start: number; readonly end: number }[];
}

/** Words around the best passage of a snippet. */
export const SNIPPET_WORDS = 30;

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

interface Word {
  start: number;
  end: number;
  marked: boolean;
}

function markedWords(text: string, matchedKeys: ReadonlySet<string>): Word[] {
  return [...text.matchAll(WORD)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    marked: wordKeys(match[0]).some((key) => matchedKeys.has(key)),
  }));
}

/** The whole of a short text (a title) with its matched words highlighted. */
export function highlightAll(text: string, matchedKeys: ReadonlySet<string>): HighlightedText {
  const normalized = text.normalize('NFC');
  return { text: normalized, highlights: markedWords(normalized, matchedKeys).filter((word) => word.marked).map(({ start, end }) => ({ start, end })) };
}

/**
 * About SNIPPET_WORDS words of the first text that has a match (summary, then body), around
 * the passage with most matched words; the summary's start when none has one. Ellipses mark
 * a cut.
 */
export function snippet(texts: readonly string[], matchedKeys: ReadonlySet<string>): HighlightedText {
  const candidates = texts.map((text) => text.normalize('NFC')).filter((text) => text.trim().length > 0);
  for (const text of candidates) {
    const words = markedWords(text, matchedKeys);
    if (!words.some((word) => word.marked)) continue;
    let best = 0;
    let bestCount = -1;
    for (let first = 0; first < words.length; first += 1) {
      const count = words.slice(first, first + SNIPPET_WORDS).filter((word) => word.marked).length;
      if (count > bestCount) [best, bestCount] = [first, count];
      if (first + SNIPPET_WORDS >= words.length) break;
    }
    // Start a few words before the first match of the window, so it is read in context.
    const firstMarked = words.slice(best).findIndex((word) => word.marked);
    const start = Math.max(0, Math.min(best + firstMarked - 5, words.length - SNIPPET_WORDS));
    return cut(text, words, Math.max(0, start));
  }
  const text = candidates[0] ?? '';
  return cut(text, markedWords(text, new Set()), 0);
}

function cut(text: string, words: readonly Word[], first: number): HighlightedText {
  const window = words.slice(first, first + SNIPPET_WORDS);
  if (window.length === 0) return { text: text.slice(0, 200), highlights: [] };
  const from = first === 0 ? 0 : window[0]!.start;
  const last = window[window.length - 1]!;
  const to = first + SNIPPET_WORDS >= words.length ? text.length : last.end;
  const prefix = from > 0 ? '… ' : '';
  const suffix = to < text.length ? ' …' : '';
  const shift = prefix.length - from;
  return {
    text: `${prefix}${text.slice(from, to)}${suffix}`,
    highlights: window.filter((word) => word.marked).map((word) => ({ start: word.start + shift, end: word.end + shift })),
  };
}
