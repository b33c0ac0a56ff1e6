/**
 * Search quality of the practice library on a real Postgres (the stack's: DATABASE_URL, or
 * the embedded one), through the port as the service will use it: the development corpus
 * with its graded queries, then the held-out corpus with its own, each in a fresh index.
 * Asserts the goal (recall@5 >= 0.95 and nDCG@10 >= 0.85 for every kind of query) on the
 * development part, and prints both tables. The held-out part is a measurement, not a
 * target: tuning until it passed would make it one more development set. It is held to
 * what it measured when first run (every kind 1.000 recall@5 but common-term: 0.800, its
 * one query "djeca" losing one of five practices to a tie at rank 5), so that a change
 * making search worse on unseen text fails here. Also the port's contract: facets,
 * filters, pages, bad input.
 */
import { ensureDatabase, startPostgres, type StartedPostgres } from '@cpx/stack';
import { DataSource } from 'typeorm';
import { PracticeSearch1765300000000 } from '../../src/database/migrations/1765300000000-practice-search';
import { PostgresPracticeSearch } from '../../src/search/postgres-practice-search.adapter';
import type { PracticeSearchPage } from '../../src/search/practice-search.port';
import { EVALUATION_CORPUS } from './evaluation-corpus';
import { EVALUATION_QUERIES } from './evaluation-queries';
import { practiceId, type CorpusPractice, type EvaluationQuery } from './evaluation-types';
import { HELD_OUT_CORPUS } from './held-out-corpus';
import { HELD_OUT_QUERIES } from './held-out-queries';
import { ndcgAt, recallAt, reciprocalRank, scoresByKind, scoreTable, type KindScores, type QueryOutcome } from './search-evaluator';

const DATABASE = 'practices_search_evaluation';

let postgres: StartedPostgres;
let dataSource: DataSource;
let search: PostgresPracticeSearch;

async function indexCorpus(corpus: readonly CorpusPractice[]): Promise<void> {
  await dataSource.query('TRUNCATE practice_search_document, practice_search_term');
  for (const { key, ...practice } of corpus) await search.index({ practiceId: practiceId(key), ...practice });
}

async function evaluate(corpus: readonly CorpusPractice[], queries: readonly EvaluationQuery[]): Promise<{ scores: KindScores[]; outcomes: QueryOutcome[] }> {
  await indexCorpus(corpus);
  const keyOf = new Map(corpus.map((practice) => [practiceId(practice.key), practice.key]));
  const outcomes: QueryOutcome[] = [];
  for (const query of queries) {
    const page = await search.search({ query: query.query, filters: query.filters, first: 10 });
    outcomes.push({ query, ranked: page.edges.map((edge) => keyOf.get(edge.node.practiceId) ?? edge.node.practiceId) });
  }
  return { scores: scoresByKind(outcomes), outcomes };
}

function misses(outcomes: readonly QueryOutcome[]): string {
  return outcomes
    .filter(({ query, ranked }) => Object.keys(query.relevant).some((key) => !ranked.slice(0, 5).includes(key)) || !(ranked[0]! in query.relevant))
    .map(({ query, ranked }) => `  ${query.kind} "${query.query}" ${JSON.stringify(query.filters ?? {})}: wanted ${JSON.stringify(query.relevant)}, got ${ranked.slice(0, 6).join(' ')}`)
    .join('\n');
}

const GOAL = { recallAt5: 0.95, ndcgAt10: 0.85 };
/** What the held-out part measured when first run (see above). */
const HELD_OUT_FLOOR = { recallAt5: 0.8, ndcgAt10: 0.85 };

function expectAtLeast(scores: readonly KindScores[], floor: { recallAt5: number; ndcgAt10: number }): void {
  for (const kind of scores) {
    expect({ kind: kind.kind, recallAt5: kind.recallAt5 >= floor.recallAt5, ndcgAt10: kind.ndcgAt10 >= floor.ndcgAt10 }).toEqual({ kind: kind.kind, recallAt5: true, ndcgAt10: true });
  }
}

beforeAll(async () => {
  postgres = await startPostgres({ instance: 'practices-search' });
  const serverUrl = new URL(postgres.serverUrl);
  const admin = new DataSource({ type: 'postgres', url: serverUrl.toString() });
  await admin.initialize();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.destroy();
  const url = await ensureDatabase(postgres.serverUrl, DATABASE);
  dataSource = new DataSource({ type: 'postgres', url, migrations: [PracticeSearch1765300000000], migrationsRun: true });
  await dataSource.initialize();
  search = new PostgresPracticeSearch(dataSource);
});

afterAll(async () => {
  await dataSource?.destroy();
  await postgres?.close();
});

describe('the evaluator', () => {
  it('computes recall@5 over what was asked for, MRR and graded nDCG@10 as defined', () => {
    const relevant = { A: 3, B: 2, C: 1 } as const;
    expect(recallAt(5, relevant, ['X', 'A', 'Y', 'Z', 'W', 'B'])).toBe(0.5);
    expect(recallAt(5, relevant, ['X', 'A', 'Y', 'Z', 'W', 'B'], 1)).toBeCloseTo(1 / 3);
    expect(recallAt(5, { A: 2, B: 2, C: 2, D: 2, E: 2, F: 2 }, ['A', 'B', 'C', 'D', 'E'])).toBe(1);
    expect(reciprocalRank(relevant, ['X', 'Y', 'C'])).toBeCloseTo(1 / 3);
    expect(reciprocalRank(relevant, [])).toBe(0);
    expect(ndcgAt(10, relevant, ['A', 'B', 'C'])).toBe(1);
    const swapped = (1 + 7 / Math.log2(3) + 3 / Math.log2(4)) / (7 + 3 / Math.log2(3) + 1 / Math.log2(4));
    expect(ndcgAt(10, relevant, ['C', 'A', 'B'])).toBeCloseTo(swapped);
  });
});

describe('practice search quality', () => {
  it('finds what the development queries ask for: recall@5 >= 0.95 and nDCG@10 >= 0.85 for every kind', async () => {
    const { scores, outcomes } = await evaluate(EVALUATION_CORPUS, EVALUATION_QUERIES);
    process.stdout.write(`\n${scoreTable(`Development corpus (${EVALUATION_CORPUS.length} practices, ${EVALUATION_QUERIES.length} queries)`, scores)}\nNot perfect:\n${misses(outcomes)}\n`);
    expectAtLeast(scores, GOAL);
  });

  it('measures the held-out corpus and queries it was never tuned on, and holds what they first measured', async () => {
    if (process.env.PRACTICE_SEARCH_TUNING === '1') return; // while tuning, the held-out part stays unseen
    const { scores, outcomes } = await evaluate(HELD_OUT_CORPUS, HELD_OUT_QUERIES);
    process.stdout.write(`\n${scoreTable(`Held-out corpus (${HELD_OUT_CORPUS.length} practices, ${HELD_OUT_QUERIES.length} queries)`, scores)}\nNot perfect:\n${misses(outcomes)}\n`);
    expectAtLeast(scores, HELD_OUT_FLOOR);
  });
});

describe('practice search contract', () => {
  beforeAll(async () => indexCorpus(EVALUATION_CORPUS));

  const ids = (page: PracticeSearchPage) => page.edges.map((edge) => edge.node.practiceId);

  it('pages through every match once, in rank order, with Relay cursors', async () => {
    const all = await search.search({ query: 'деца children copii', first: 100 });
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await search.search({ query: 'деца children copii', first: 2, after });
      seen.push(...ids(page));
      expect(page.totalCount).toBe(all.totalCount);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor!;
    }
    expect(seen).toEqual(ids(all));
    expect(new Set(seen).size).toBe(all.totalCount);
  });

  it('counts each facet over the practices matched, and filters by them', async () => {
    const page = await search.search({ query: '', first: 1 });
    expect(page.totalCount).toBe(EVALUATION_CORPUS.length);
    const greek = page.facets.countries.find((facet) => facet.value === 'GR');
    expect(greek?.count).toBe(EVALUATION_CORPUS.filter((practice) => practice.countries.includes('GR')).length);
    const languages = Object.fromEntries(page.facets.languages.map((facet) => [facet.value, facet.count]));
    expect(languages.en).toBe(EVALUATION_CORPUS.filter((practice) => practice.texts.some((text) => text.language === 'en')).length);
    const filtered = await search.search({ query: '', filters: { countries: ['GR'], evidence: ['promising'] }, first: 50 });
    expect(filtered.totalCount).toBe(EVALUATION_CORPUS.filter((practice) => practice.countries.includes('GR') && practice.evidence === 'promising').length);
    expect(filtered.facets.evidence).toEqual([{ value: 'promising', count: filtered.totalCount }]);
  });

  it('highlights the matched words in the text as written, in its own script', async () => {
    const page = await search.search({ query: 'trgovina decom', first: 1 });
    const hit = page.edges[0]!.node;
    const marked = hit.title.highlights.map(({ start, end }) => hit.title.text.slice(start, end));
    expect(marked.length).toBeGreaterThan(0);
    const cyrillic = await search.search({ query: 'prihvatiliste', first: 1 });
    const title = cyrillic.edges[0]!.node.title;
    expect(title.highlights.map(({ start, end }) => title.text.slice(start, end))).toEqual(['Прихватилиште']);
  });

  it('answers hostile or odd input with results or a typed error, never a database error', async () => {
    for (const query of ["' OR 1=1; --", '& | ! : * ( ) \'', 'a:* & !b', '<script>alert(1)</script>', 'and the of', '   ', '\u200B\u200Bdeca\u200D', 'trgovina трговија τράφικινγκ', '🙂 ☃', '\\', '%_%']) {
      const page = await search.search({ query, first: 5 });
      expect(page.edges.length).toBeLessThanOrEqual(5);
    }
    await expect(search.search({ query: 'x'.repeat(10_000) })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
    await expect(search.search({ query: 'deca', after: 'bm90LWEtY3Vyc29y' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    await expect(search.search({ query: 'deca', first: 1000 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    await expect(search.search({ query: 'deca', filters: { themes: ["x' OR 1=1"] } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'filters.themes' });
  });

  it('finds a practice through the library’s concepts in a language it has no text in (issue 13’s outcome)', async () => {
    const { key, ...schoolProgramme } = EVALUATION_CORPUS.find((entry) => entry.key === 'D01')!;
    const onlyRomanianAndEnglish = { ...schoolProgramme, texts: schoolProgramme.texts.filter((text) => text.language !== 'mk') };
    await search.index({ practiceId: practiceId(key), ...onlyRomanianAndEnglish });
    try {
      const page = await search.search({ query: 'трговија со деца училиште', first: 5 });
      expect(ids(page)).toContain(practiceId(key));
      expect(page.edges.find((edge) => edge.node.practiceId === practiceId(key))!.node.title.highlights.length).toBeGreaterThan(0);
    } finally {
      await search.index({ practiceId: practiceId(key), ...schoolProgramme });
    }
  });

  it('replaces what a practice is found by when it is indexed again, keeping the vocabulary’s counts true', async () => {
    const counts = async () => (await dataSource.query(`SELECT term, document_count FROM practice_search_term ORDER BY term`)) as unknown[];
    const before = await counts();
    const { key, ...practice } = EVALUATION_CORPUS.find((entry) => entry.key === 'D12')!;
    await search.index({ practiceId: practiceId(key), ...practice });
    expect(await counts()).toEqual(before);
    await search.index({ practiceId: practiceId(key), ...practice, texts: [{ language: 'bs', title: 'Dežurna linija', summary: 'Hitni pozivi.', body: 'Zovite 116 000.' }] });
    expect(ids(await search.search({ query: 'savjetnici', first: 5 }))).not.toContain(practiceId(key));
    expect(ids(await search.search({ query: 'hitni pozivi', first: 5 }))[0]).toBe(practiceId(key));
    await search.index({ practiceId: practiceId(key), ...practice });
    expect(await counts()).toEqual(before);
  });

  it('forgets a removed practice, and the words only it had', async () => {
    await search.remove(practiceId('D14'));
    const page = await search.search({ query: 'Šuto Orizari', first: 5 });
    expect(ids(page)).not.toContain(practiceId('D14'));
    const [row] = (await dataSource.query(`SELECT count(*)::int AS n FROM practice_search_term WHERE term = 'orizari'`)) as { n: number }[];
    expect(row!.n).toBe(0);
  });
});
