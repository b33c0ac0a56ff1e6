/**
 * Search of the practice library behind a port: the use cases index a practice when it
 * (or a translation) is published and search through this interface only, so Postgres
 * (PostgresPracticeSearch, ADR 14) can be replaced by a distributed engine such as
 * OpenSearch without touching them. The contract is the behaviour the evaluation in
 * apps/practices/test/search holds any implementation to.
 */
import type { HighlightedText } from './domain/search-snippet';
import type { PracticeText } from './domain/search-document';

export const PRACTICE_SEARCH = Symbol('PracticeSearchPort');

/** A published practice as search sees it: each of its texts (original and translations) and its facets. */
export interface PracticeSearchEntry {
  readonly practiceId: string;
  readonly texts: readonly PracticeText[];
  readonly themes: readonly string[];
  readonly countries: readonly string[];
  readonly targetGroups: readonly string[];
  /** emergent, promising, best, documented, concerning ... (the evidence rating's code). */
  readonly evidence: string;
  readonly alertKinds: readonly string[];
}

/** Within one facet any value may match; across facets all must. Empty or absent: no filter. */
export interface PracticeSearchFilters {
  readonly themes?: readonly string[];
  readonly countries?: readonly string[];
  readonly languages?: readonly string[];
  readonly targetGroups?: readonly string[];
  readonly evidence?: readonly string[];
  readonly alertKinds?: readonly string[];
}

export interface PracticeSearchRequest {
  /** The one search box, any language and script; empty to browse. */
  readonly query: string;
  readonly filters?: PracticeSearchFilters;
  /** Relay: page size (default 20, at most 100) and the cursor of the last edge seen. */
  readonly first?: number;
  readonly after?: string;
}

export interface PracticeSearchHit {
  readonly practiceId: string;
  /** The language of the text that matched best: the one to show the title and snippet in. */
  readonly language: string;
  readonly score: number;
  readonly title: HighlightedText;
  readonly snippet: HighlightedText;
}

export interface FacetCount {
  readonly value: string;
  readonly count: number;
}

export type PracticeFacet = 'themes' | 'countries' | 'languages' | 'targetGroups' | 'evidence' | 'alertKinds';

export interface PracticeSearchPage {
  readonly edges: readonly { readonly cursor: string; readonly node: PracticeSearchHit }[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  /** Practices matching the query and filters, on every page. */
  readonly totalCount: number;
  /** Counts of practices matching the query and filters, per value of each facet, most first. */
  readonly facets: Readonly<Record<PracticeFacet, readonly FacetCount[]>>;
}

export interface PracticeSearchPort {
  /** Makes `entry` what is found for its practice, replacing what was indexed for it before. */
  index(entry: PracticeSearchEntry): Promise<void>;
  /** The practice is no longer found (archived, withdrawn). */
  remove(practiceId: string): Promise<void>;
  search(request: PracticeSearchRequest): Promise<PracticeSearchPage>;
}
