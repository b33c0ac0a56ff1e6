/**
 * The practice search port on the service's own Postgres (ADR 14): text analysis in
 * domain/, SQL in practice-search.store.ts, composed here. A search is two statements, read
 * in one snapshot: the vocabulary lookup, then the page with its facet counts.
 */
import { decodeKeyCursor, DomainError, encodeCursor, pageSize } from '@cpx/platform';
import type { DataSource, EntityManager } from 'typeorm';
import { indexedText } from './domain/search-document';
import { buildSearchPlan } from './domain/search-plan';
import { parseSearchQuery } from './domain/search-query';
import { highlightAll, snippet } from './domain/search-snippet';
import type { FacetCount, PracticeFacet, PracticeSearchEntry, PracticeSearchFilters, PracticeSearchPage, PracticeSearchPort, PracticeSearchRequest } from './practice-search.port';
import { allowSearchMemory, deletePracticeTexts, findPageAndFacets, findVocabulary, replacePracticeTexts, type SearchFilterValues } from './practice-search.store';

const FACETS: readonly PracticeFacet[] = ['themes', 'countries', 'languages', 'targetGroups', 'evidence', 'alertKinds'];
/** Values of one filter: more is not a filter anyone sets by hand. */
const MAX_FILTER_VALUES = 50;
const FILTER_VALUE = /^[\p{L}\p{N}_.:-]{1,64}$/u;

export class PostgresPracticeSearch implements PracticeSearchPort {
  constructor(private readonly dataSource: DataSource) {}

  async index(entry: PracticeSearchEntry): Promise<void> {
    const texts = entry.texts.map(indexedText);
    await this.dataSource.transaction((manager) =>
      replacePracticeTexts(manager, entry.practiceId, { themes: entry.themes, countries: entry.countries, targetGroups: entry.targetGroups, evidence: entry.evidence, alertKinds: entry.alertKinds }, texts),
    );
  }

  async remove(practiceId: string): Promise<void> {
    await this.dataSource.transaction((manager) => deletePracticeTexts(manager, practiceId));
  }

  async search(request: PracticeSearchRequest): Promise<PracticeSearchPage> {
    const query = parseSearchQuery(request.query, 'query');
    const filters = filterValues(request.filters ?? {});
    const limit = pageSize(request.first, 'first');
    const [score, practiceId] = decodeKeyCursor(request.after ?? '', ['text', 'uuid'], 'after');
    if (score !== undefined && !/^\d{1,3}\.\d{6}$/.test(score)) throw DomainError.badInput('after', 'The cursor is not one this API issued.');
    const browse = query.terms.length === 0;

    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await allowSearchMemory(manager);
      const plan = buildSearchPlan(query, await this.vocabulary(manager, query));
      const { page: rows, facets: facetRows } = await findPageAndFacets(manager, plan, filters, browse, {
        after: score === undefined ? undefined : { score, practiceId: practiceId! },
        limit: limit + 1,
      });
      const matchedKeys = new Set(plan.matchedKeys);
      const edges = rows.slice(0, limit).map((row) => ({
        cursor: encodeCursor([row.score, row.practiceId]),
        node: {
          practiceId: row.practiceId,
          language: row.language,
          score: Number(row.score),
          title: highlightAll(row.title, matchedKeys),
          snippet: snippet([row.summary, row.body], matchedKeys),
        },
      }));
      const facets = Object.fromEntries(FACETS.map((facet) => [facet, [] as FacetCount[]])) as Record<PracticeFacet, FacetCount[]>;
      let totalCount = 0;
      for (const row of facetRows) {
        if (row.facet === 'total') totalCount = row.count;
        else if ((FACETS as readonly string[]).includes(row.facet)) facets[row.facet as PracticeFacet].push({ value: row.value, count: row.count });
      }
      for (const facet of FACETS) facets[facet].sort((left, right) => right.count - left.count || left.value.localeCompare(right.value));
      return { edges, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null }, totalCount, facets };
    });
  }

  private async vocabulary(manager: EntityManager, query: ReturnType<typeof parseSearchQuery>) {
    return findVocabulary(
      manager,
      query.terms.flatMap((term, index) => [
        ...term.keys.map((key) => ({ term: index, key, fuzzy: true })),
        // A concept's words are matched exactly or by their forms, never as typos.
        ...term.conceptKeys.map((key) => ({ term: index, key, fuzzy: false })),
      ]),
    );
  }
}

function filterValues(filters: PracticeSearchFilters): SearchFilterValues {
  const values = (field: keyof PracticeSearchFilters): string[] => {
    const given = filters[field] ?? [];
    if (given.length > MAX_FILTER_VALUES) throw DomainError.badInput(`filters.${field}`, `At most ${MAX_FILTER_VALUES} values.`);
    for (const value of given) {
      if (typeof value !== 'string' || !FILTER_VALUE.test(value)) throw DomainError.badInput(`filters.${field}`, 'Not a value of this facet.');
    }
    return [...given];
  };
  return {
    themes: values('themes'),
    countries: values('countries'),
    languages: values('languages'),
    targetGroups: values('targetGroups'),
    evidence: values('evidence'),
    alertKinds: values('alertKinds'),
  };
}
