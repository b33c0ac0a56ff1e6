/**
 * All SQL of practice search (ADR 13, ADR 14): the indexed texts of each published
 * practice (practice_search_document), the vocabulary of their keys (practice_search_term)
 * and the ranked, filtered, faceted, keyset-paged search over them. What is matched and how
 * much it counts is decided in domain/ (search-plan.ts); here it becomes parameters, never
 * SQL text: keys, words and filter values all travel as bound arrays.
 */
import type { EntityManager } from 'typeorm';
import type { IndexedText } from './domain/search-document';
import { STEMMING_CONFIGS } from './domain/search-languages';
import type { SearchPlan, VocabularyHit } from './domain/search-plan';

export interface PracticeFacetValues {
  readonly themes: readonly string[];
  readonly countries: readonly string[];
  readonly targetGroups: readonly string[];
  readonly evidence: string;
  readonly alertKinds: readonly string[];
}

export interface SearchFilterValues {
  readonly themes: readonly string[];
  readonly countries: readonly string[];
  readonly languages: readonly string[];
  readonly targetGroups: readonly string[];
  readonly evidence: readonly string[];
  readonly alertKinds: readonly string[];
}

export interface RankedTextRow {
  readonly practiceId: string;
  readonly language: string;
  /** Rounded to 6 decimals, as text: exactly what the keyset compares. */
  readonly score: string;
  readonly title: string;
  readonly summary: string;
  readonly body: string;
}

export interface FacetRow {
  readonly facet: string;
  readonly value: string;
  readonly count: number;
}

/** Replaces every indexed text of one practice, keeping the vocabulary's counts in step. */
export async function replacePracticeTexts(manager: EntityManager, practiceId: string, facets: PracticeFacetValues, texts: readonly IndexedText[]): Promise<void> {
  await deletePracticeTexts(manager, practiceId);
  await insertPracticeTexts(manager, practiceId, facets, texts);
  // In key order, so that two practices indexed at once lock shared terms in the same order.
  await manager.query(
    `INSERT INTO practice_search_term (term, document_count)
     SELECT key, count(*) FROM practice_search_document, unnest(key_list) AS key
      WHERE practice_id = $1 GROUP BY key ORDER BY key
     ON CONFLICT (term) DO UPDATE SET document_count = practice_search_term.document_count + excluded.document_count`,
    [practiceId],
  );
}

/**
 * The texts of a practice not indexed yet, without counting their keys in the vocabulary:
 * for a bulk load (the benchmark's, a re-index), which counts them all at once after
 * (rebuildVocabulary) instead of updating shared counts once per practice.
 */
export async function insertPracticeTexts(manager: EntityManager, practiceId: string, facets: PracticeFacetValues, texts: readonly IndexedText[]): Promise<void> {
  for (const text of texts) {
    await manager.query(
      `INSERT INTO practice_search_document
         (practice_id, language, config, title, summary, body, title_keys, head_keys, all_keys, key_list,
          stemmed_title, stemmed_head, stemmed_all, themes, countries, target_groups, evidence, alert_kinds)
       VALUES ($1, $2, $3::regconfig, $4, $5, $6, array_to_tsvector($14::text[]), array_to_tsvector($7::text[]), array_to_tsvector($8::text[]), $8::text[],
               to_tsvector($3::regconfig, $4),
               to_tsvector($3::regconfig, $4 || E'\\n' || $5),
               to_tsvector($3::regconfig, $4 || E'\\n' || $5 || E'\\n' || $6),
               $9, $10, $11, $12, $13)`,
      [practiceId, text.language, text.config, text.title, text.summary, text.body, text.headKeys, text.allKeys,
        facets.themes, facets.countries, facets.targetGroups, facets.evidence, facets.alertKinds, text.titleKeys],
    );
  }
}

/** Counts the vocabulary afresh from every indexed text (after insertPracticeTexts in bulk). */
export async function rebuildVocabulary(manager: EntityManager): Promise<void> {
  await manager.query(`DELETE FROM practice_search_term`);
  await manager.query(
    `INSERT INTO practice_search_term (term, document_count)
     SELECT key, count(*) FROM practice_search_document, unnest(key_list) AS key GROUP BY key`,
  );
}

/**
 * Memory for one search's sorts and hashes (its transaction only): grouping the places of a
 * term found in most texts spills to disk under the default 4 MB.
 */
export async function allowSearchMemory(manager: EntityManager): Promise<void> {
  await manager.query(`SET LOCAL work_mem = '32MB'`);
}

/** Removes a practice's texts and their keys' counts from the vocabulary. */
export async function deletePracticeTexts(manager: EntityManager, practiceId: string): Promise<void> {
  await manager.query(
    `WITH removed AS (DELETE FROM practice_search_document WHERE practice_id = $1 RETURNING key_list),
          counted AS (SELECT key, count(*) AS n FROM removed, unnest(key_list) AS key GROUP BY key ORDER BY key),
          updated AS (UPDATE practice_search_term t SET document_count = t.document_count - c.n
                        FROM counted c WHERE t.term = c.key AND t.document_count > c.n RETURNING t.term)
     DELETE FROM practice_search_term t USING counted c
      WHERE t.term = c.key AND t.document_count <= c.n`,
    [practiceId],
  );
}

/**
 * Stored keys that may match each candidate key of a query: equal, beginning with it,
 * beginning it (its prefixes of four letters and more), or close by trigrams (for a `fuzzy`
 * candidate: a key the query typed, not a concept's). search-plan.ts decides which of them
 * really match; this only narrows the vocabulary by its indexes.
 */
export async function findVocabulary(manager: EntityManager, candidates: readonly { term: number; key: string; fuzzy: boolean }[]): Promise<VocabularyHit[]> {
  if (candidates.length === 0) return [];
  const rows = (await manager.query(
    `SELECT c.term, c.candidate, v.term AS key, v.document_count
       FROM unnest($1::int[], $2::text[], $3::boolean[]) AS c(term, candidate, fuzzy)
       CROSS JOIN LATERAL (
         (SELECT term, document_count FROM practice_search_term
           WHERE term = c.candidate
              OR term = ANY (ARRAY(SELECT left(c.candidate, n) FROM generate_series(4, length(c.candidate) - 1) AS n)))
         UNION
         (SELECT term, document_count FROM practice_search_term
           WHERE length(c.candidate) >= 3 AND term LIKE c.candidate || '%'
           ORDER BY length(term), term LIMIT 50)
         UNION
         (SELECT term, document_count FROM practice_search_term
           WHERE c.fuzzy AND term % c.candidate
           ORDER BY similarity(term, c.candidate) DESC, term LIMIT 50)
       ) AS v`,
    [candidates.map((candidate) => candidate.term), candidates.map((candidate) => candidate.key), candidates.map((candidate) => candidate.fuzzy)],
  )) as { term: number; candidate: string; key: string; document_count: number }[];
  return rows.map((row) => ({ term: row.term, candidate: row.candidate, key: row.key, documentCount: row.document_count }));
}

/**
 * Where each term of the plan matches (`placed`: term, text, and the weight of its tier at
 * that place: title, summary or body), found by index lookups only (every place of every
 * channel has a GIN index), so that no text's vectors are read to score it. Parameters
 * $1..$8 and $16 (the plan); the filters are $9..$14 and the browse flag $15 (FILTERED).
 */
const PLACED = `
  entry AS (
    SELECT *
      FROM unnest($1::int[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::float8[], $16::boolean[])
        AS e(term, channel, query, title_weight, summary_weight, body_weight, direct)
  ),
  folded AS (
    SELECT term, query::tsquery AS q, title_weight, summary_weight, body_weight, direct FROM entry WHERE channel = 'folded'
  ),
  -- A word stemmed by each configuration; configurations that stem it alike share one lookup.
  stemmed AS (
    SELECT term, q, array_agg(config) AS configs, title_weight, summary_weight, body_weight, true AS direct FROM (
      SELECT e.term, c.config, plainto_tsquery(c.config, e.query) AS q, e.title_weight, e.summary_weight, e.body_weight
        FROM entry e CROSS JOIN unnest($7::regconfig[]) AS c(config)
       WHERE e.channel = 'stemmed') AS s
     WHERE numnode(q) > 0
     GROUP BY term, q, title_weight, summary_weight, body_weight
  ),
  placed AS (
    SELECT f.term, d.practice_id, d.language, f.title_weight AS weight, f.direct FROM practice_search_document d JOIN folded f ON d.title_keys @@ f.q
    UNION ALL
    SELECT f.term, d.practice_id, d.language, f.summary_weight, f.direct FROM practice_search_document d JOIN folded f ON d.head_keys @@ f.q
    UNION ALL
    SELECT f.term, d.practice_id, d.language, f.body_weight, f.direct FROM practice_search_document d JOIN folded f ON f.body_weight > 0 AND d.all_keys @@ f.q
    UNION ALL
    SELECT s.term, d.practice_id, d.language, s.title_weight, s.direct FROM practice_search_document d JOIN stemmed s ON d.config = ANY (s.configs) AND d.stemmed_title @@ s.q
    UNION ALL
    SELECT s.term, d.practice_id, d.language, s.summary_weight, s.direct FROM practice_search_document d JOIN stemmed s ON d.config = ANY (s.configs) AND d.stemmed_head @@ s.q
    UNION ALL
    SELECT s.term, d.practice_id, d.language, s.body_weight, s.direct FROM practice_search_document d JOIN stemmed s ON d.config = ANY (s.configs) AND d.stemmed_all @@ s.q
  ),
  per_term AS (
    SELECT term, practice_id, language, max(weight) AS best, bool_or(direct) AS direct FROM placed GROUP BY term, practice_id, language
  )`;

const FILTER_CONDITIONS = `
       (cardinality($9::text[]) = 0 OR d.themes && $9::text[])
       AND (cardinality($10::text[]) = 0 OR d.countries && $10::text[])
       AND (cardinality($11::text[]) = 0 OR d.language = ANY ($11::text[]))
       AND (cardinality($12::text[]) = 0 OR d.target_groups && $12::text[])
       AND (cardinality($13::text[]) = 0 OR d.evidence = ANY ($13::text[]))
       AND (cardinality($14::text[]) = 0 OR d.alert_kinds && $14::text[])`;

/**
 * The texts a search covers: those matching some term that pass the filters. They are
 * reached from the matches by the primary key, never by reading every text: a rare term
 * costs a few lookups, not a scan of the corpus (the browse flag $15, false here, is read
 * so that the statement binds the same parameters as FILTERED_BROWSE).
 */
const FILTERED = `
  filtered AS (
    SELECT d.practice_id, d.language, d.themes, d.countries, d.target_groups, d.evidence, d.alert_kinds
      FROM (SELECT DISTINCT practice_id, language FROM per_term) m
      JOIN practice_search_document d ON d.practice_id = m.practice_id AND d.language = m.language
     WHERE NOT $15::boolean AND ${FILTER_CONDITIONS}
  )`;

/** A browse ($15): every text that passes the filters. */
const FILTERED_BROWSE = `
  filtered AS (
    SELECT d.practice_id, d.language, d.themes, d.countries, d.target_groups, d.evidence, d.alert_kinds
      FROM practice_search_document d
     WHERE $15::boolean AND ${FILTER_CONDITIONS}
  )`;

function searchParameters(plan: SearchPlan, filters: SearchFilterValues, browse: boolean): unknown[] {
  return [
    plan.entries.map((entry) => entry.term),
    plan.entries.map((entry) => entry.channel),
    plan.entries.map((entry) => entry.query),
    plan.entries.map((entry) => entry.weights.title),
    plan.entries.map((entry) => entry.weights.summary),
    plan.entries.map((entry) => entry.weights.body),
    STEMMING_CONFIGS,
    plan.termCount,
    filters.themes,
    filters.countries,
    filters.languages,
    filters.targetGroups,
    filters.evidence,
    filters.alertKinds,
    browse,
    plan.entries.map((entry) => entry.direct),
  ];
}

export interface SearchResultRows {
  readonly page: RankedTextRow[];
  readonly facets: FacetRow[];
}

/**
 * One page of practices, best first, and the facet counts of all of them, in one statement
 * (the matching is found once). A text's score is the weighted share of the query's
 * terms it matches (search-plan.ts): each term weighs ln(1 + texts / texts it matches), so
 * a term found in most texts decides little; each match counts by its tier and best place.
 * A practice scores as its best text; ties go by id. The keyset continues after (score,
 * practice id) of the last row of the previous page.
 */
export async function findPageAndFacets(
  manager: EntityManager,
  plan: SearchPlan,
  filters: SearchFilterValues,
  browse: boolean,
  page: { after?: { score: string; practiceId: string }; limit: number },
): Promise<SearchResultRows> {
  // No sequential scan where an index can answer (for the rest of this search's transaction,
  // which ends with this statement). Each lookup's tsquery comes out of the plan (a CTE of
  // bound arrays), so Postgres cannot estimate how many texts it matches; on a guess it may
  // read every text's vectors (detoasting each) instead of asking the GIN index: measured at
  // 2,000 practices, a rare term's stemmed body lookup read 12,400 pages in 36 ms by a scan,
  // 4 by its GIN index (ADR 14). A browse still scans, having nothing else to read.
  // Not for the vocabulary lookup, whose small scans are right (it is 10-20 times slower without).
  await manager.query(`SET LOCAL enable_seqscan = off`);
  const rows = (await manager.query(
    `WITH ${PLACED}, ${browse ? FILTERED_BROWSE : FILTERED},
     term_weight AS (
       SELECT t.term, ln(1 + (SELECT count(*) FROM practice_search_document)::float8 / greatest(1, count(p.practice_id) FILTER (WHERE p.direct))) AS weight
         FROM generate_series(0, $8::int - 1) AS t(term) LEFT JOIN per_term p ON p.term = t.term
        GROUP BY t.term
     ),
     scored AS (
       SELECT f.practice_id, f.language,
              coalesce(sum(p.best * w.weight) / nullif((SELECT sum(weight) FROM term_weight), 0), 0) AS score
         FROM filtered f
         LEFT JOIN per_term p ON p.practice_id = f.practice_id AND p.language = f.language
         LEFT JOIN term_weight w ON w.term = p.term
        GROUP BY f.practice_id, f.language
     ),
     best AS (
       SELECT DISTINCT ON (practice_id) practice_id, language, round(score::numeric, 6) AS score
         FROM scored ORDER BY practice_id, score DESC, language
     ),
     page AS (
       SELECT practice_id, language, score FROM best
        WHERE $17::numeric IS NULL OR score < $17::numeric OR (score = $17::numeric AND practice_id > $18::uuid)
        ORDER BY score DESC, practice_id
        LIMIT $19
     ),
     practice AS (SELECT DISTINCT ON (practice_id) * FROM filtered ORDER BY practice_id, language),
     facet AS (
       SELECT 'themes' AS facet, v AS value, count(*)::int AS count FROM practice, unnest(themes) AS v GROUP BY v
       UNION ALL SELECT 'countries', v, count(*)::int FROM practice, unnest(countries) AS v GROUP BY v
       UNION ALL SELECT 'targetGroups', v, count(*)::int FROM practice, unnest(target_groups) AS v GROUP BY v
       UNION ALL SELECT 'alertKinds', v, count(*)::int FROM practice, unnest(alert_kinds) AS v GROUP BY v
       UNION ALL SELECT 'evidence', evidence, count(*)::int FROM practice GROUP BY evidence
       UNION ALL SELECT 'languages', language, count(DISTINCT practice_id)::int FROM filtered GROUP BY language
       UNION ALL SELECT 'total', '', count(*)::int FROM practice
     ),
     facets AS (SELECT coalesce(json_agg(json_build_object('facet', facet, 'value', value, 'count', count)), '[]'::json) AS facets FROM facet)
     -- One row at least, carrying the facets; then one per practice of the page.
     SELECT f.facets, p.practice_id, p.language, p.score::text AS score, d.title, d.summary, d.body
       FROM facets f
       LEFT JOIN page p ON true
       LEFT JOIN practice_search_document d ON d.practice_id = p.practice_id AND d.language = p.language
      ORDER BY p.score DESC, p.practice_id`,
    [...searchParameters(plan, filters, browse), page.after?.score ?? null, page.after?.practiceId ?? null, page.limit],
  )) as ({ facets: FacetRow[] } & ({ practice_id: string; language: string; score: string; title: string; summary: string; body: string } | { practice_id: null }))[];
  return {
    facets: rows[0]?.facets ?? [],
    page: rows.flatMap((row) =>
      row.practice_id === null ? [] : [{ practiceId: row.practice_id, language: row.language, score: row.score, title: row.title, summary: row.summary, body: row.body }],
    ),
  };
}
