/**
 * The shape of the search evaluation: a corpus of practices (texts in the thirteen
 * languages, some translated) and graded queries of every kind the library's search must
 * serve (issue 13, "Search quality goal").
 */
import type { PracticeSearchEntry, PracticeSearchFilters } from '../../src/search/practice-search.port';

export const QUERY_KINDS = [
  'same-language',
  'cross-script',
  'by-ear',
  'inflected',
  'no-diacritics',
  'translation',
  'several-terms',
  'common-term',
  'typo',
  'faceted',
] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export interface EvaluationQuery {
  readonly kind: QueryKind;
  readonly query: string;
  readonly filters?: PracticeSearchFilters;
  /** Practice key (see practiceId) to grade: 3 the practice asked for, 2 clearly relevant, 1 partly. */
  readonly relevant: Readonly<Record<string, 1 | 2 | 3>>;
  /** Why these are the relevant ones: what a reader of the corpus would expect. */
  readonly note?: string;
}

export type CorpusPractice = Omit<PracticeSearchEntry, 'practiceId'> & { readonly key: string };

/** A stable uuid for a corpus practice's key ("D01", "H07"). */
export function practiceId(key: string): string {
  const hex = Buffer.from(key.padStart(6, '0')).toString('hex').slice(-12).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}
