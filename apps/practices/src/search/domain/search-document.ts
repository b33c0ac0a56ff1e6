/**
 * What is stored to search one text of a practice (its original or one translation): the
 * text as written (for snippets), the language whose stemmer reads it, and its keys
 * (search-keys.ts) for the title, for the title and summary (the head) and for all of it. A body's words
 * past MAX_INDEXED_WORDS are not indexed: a tsvector holds at most 1 MB, and no search
 * needs the fiftieth thousand word of a practice to find it.
 */
import { textKeys } from './search-keys';
import { stemmingConfig, type StemmingConfig } from './search-languages';

export const MAX_INDEXED_WORDS = 20_000;

export interface PracticeText {
  readonly language: string;
  readonly title: string;
  readonly summary: string;
  readonly body: string;
}

export interface IndexedText extends PracticeText {
  readonly config: StemmingConfig;
  readonly titleKeys: readonly string[];
  readonly headKeys: readonly string[];
  readonly allKeys: readonly string[];
}

export function indexedText(text: PracticeText): IndexedText {
  const titleKeys = unique(textKeys(text.title));
  const headKeys = unique([...titleKeys, ...textKeys(text.summary)]);
  const bodyKeys = textKeys(text.body, MAX_INDEXED_WORDS);
  return {
    language: text.language,
    title: text.title.normalize('NFC'),
    summary: text.summary.normalize('NFC'),
    body: text.body.normalize('NFC'),
    config: stemmingConfig(text.language),
    titleKeys,
    headKeys,
    allKeys: unique([...headKeys, ...bodyKeys]),
  };
}

function unique(keys: readonly string[]): string[] {
  return [...new Set(keys)].sort();
}
