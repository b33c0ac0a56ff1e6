// Practice search at library scale (issue 13, "Benchmark"; ADR 14), on its own:
//   npm run bench:search -- [--practices 50000] [--seed 13] [--clients 8] [--calls 200] [--explain] [--keep] [--reuse] [--instance NAME] [--cap-seconds 120]
// (--keep leaves the database; --reuse measures one left by an earlier --keep run of the same
// practices and seed instead of loading again, for trying a query change on the same data,
// and drops it after unless --keep is given again)
// 1. a throw-away database (practice_search_bench, on the embedded Postgres of instance
//    "practice-search-bench", or the server of DATABASE_URL) with the search migration;
// 2. N generated practices in the 13 languages (apps/practices/test/search/practice-generator.ts,
//    deterministic from the seed) indexed through the search's own store in bulk: texts
//    first, indexes built after, the vocabulary counted once;
// 3. each query shape (rare term, common term, two terms, cross-script, faceted with counts)
//    with `clients` concurrent callers: through the port (PostgresPracticeSearch: parsing,
//    vocabulary, page and facets, snippets) and, beside it, the raw SQL of the same search
//    (the statements the port sent for it, replayed on a plain pg pool: the database's
//    share, the floor the port stands on);
// 4. publish -> found: a new practice indexed through the port, then searched for until
//    found, while the clients keep searching.
// Not a timing test: it prints numbers. The machine may be shared: it prints the load.
// The practices service has no gateway route to its search yet, so the port is driven
// in-process; the gateway's own share is measured by `npm run bench` for its other routes.
/* eslint-disable no-restricted-imports -- the search core and its generator are the practices application's own, and not a library: the bench drives them in-process until the gateway routes search */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { ensureDatabase, startPostgres } from '@cpx/stack';
import { Pool } from 'pg';
import { DataSource, type Logger } from 'typeorm';
import { PracticeSearch1765300000000 } from '../../apps/practices/src/database/migrations/1765300000000-practice-search';
import { indexedText } from '../../apps/practices/src/search/domain/search-document';
import { PostgresPracticeSearch } from '../../apps/practices/src/search/postgres-practice-search.adapter';
import type { PracticeSearchFilters } from '../../apps/practices/src/search/practice-search.port';
import { insertPracticeTexts, rebuildVocabulary } from '../../apps/practices/src/search/practice-search.store';
import { generatePractice, organisationName, ORGANISATIONS } from '../../apps/practices/test/search/practice-generator';
/* eslint-enable no-restricted-imports */
import { runConcurrent, type LoopResult } from './load-runner';
import { summarize } from './percentiles';

const DATABASE = 'practice_search_bench';

interface Options {
  practices: number;
  seed: number;
  clients: number;
  calls: number;
  explain: boolean;
  keep: boolean;
  reuse: boolean;
  /** The embedded Postgres instance (a directory of its own): two benches may run side by side on two. */
  instance: string;
  /** Each target's loop stops after this long, whatever calls are left. */
  capSeconds: number;
}

function options(argv: readonly string[]): Options {
  const value = (name: string, fallback: number): number => {
    const at = argv.indexOf(`--${name}`);
    if (at < 0) return fallback;
    const parsed = Number(argv[at + 1]);
    if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`--${name} takes a positive integer`);
    return parsed;
  };
  return { practices: value('practices', 50_000), seed: value('seed', 13), clients: value('clients', 8), calls: value('calls', 200), explain: argv.includes('--explain'), capSeconds: value('cap-seconds', 120), keep: argv.includes('--keep'), reuse: argv.includes('--reuse'), instance: argv.includes('--instance') ? argv[argv.indexOf('--instance') + 1]! : 'practice-search-bench' };
}

interface Shape {
  name: string;
  query: string;
  filters?: PracticeSearchFilters;
}

/** A statement as the port sent it, to be replayed as it was. */
interface Statement {
  sql: string;
  parameters: unknown[];
}

/** Records what the port sends while `recording` is on (typeorm's logger sees every query with its parameters). */
class StatementRecorder implements Logger {
  recording: Statement[] | undefined;
  logQuery(query: string, parameters?: unknown[]): void {
    this.recording?.push({ sql: query, parameters: parameters ?? [] });
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

function line(text = ''): void {
  process.stdout.write(`${text}\n`);
}

function ms(value: number): string {
  return Number.isFinite(value) ? value.toFixed(1).padStart(8) : '       -';
}

function row(label: string, result: LoopResult): string {
  return `  ${label.padEnd(26)}${ms(result.p50)}${ms(result.p95)}${ms(result.p99)}${ms(result.max)}${result.throughputPerSecond.toFixed(1).padStart(9)}${String(result.count).padStart(7)}${result.errors ? `  errors ${result.errors}: ${result.firstError}` : ''}${result.capped ? '  (capped)' : ''}`;
}

function loadAverage(): string {
  return os.loadavg().map((value) => value.toFixed(2)).join(' ');
}

async function main(): Promise<void> {
  const plan = options(process.argv.slice(2));
  const startedAt = performance.now();
  line(`practice search bench: ${plan.practices} practices (seed ${plan.seed}), ${plan.clients} clients, ${plan.calls} calls per shape`);
  line(`machine: ${os.availableParallelism()} cores (${os.cpus()[0]?.model.trim() ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}; load average ${loadAverage()}`);

  const postgres = await startPostgres({ instance: plan.instance });
  const admin = new Pool({ connectionString: postgres.serverUrl, max: 1 });
  // Connections closed by the server as it stops are no failure of the bench.
  admin.on('error', () => undefined);
  if (!plan.reuse) await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  const url = await ensureDatabase(postgres.serverUrl, DATABASE);
  const recorder = new StatementRecorder();
  const dataSource = new DataSource({ type: 'postgres', url, migrations: [PracticeSearch1765300000000], migrationsRun: true, logging: ['query'], logger: recorder, extra: { max: plan.clients + 2 } });
  await dataSource.initialize();
  const raw = new Pool({ connectionString: url, max: plan.clients });
  raw.on('error', () => undefined);
  const version = ((await raw.query('SHOW server_version')) as { rows: { server_version: string }[] }).rows[0]!.server_version;
  line(`postgres ${version} (${postgres.source})`);

  try {
    if (plan.reuse) await loaded(dataSource, plan);
    else await load(dataSource, plan);
    const search = new PostgresPracticeSearch(dataSource);
    const rare = organisationName(generatePracticeOrganisation(plan));
    const shapes: Shape[] = [
      { name: 'rare term', query: rare },
      { name: 'common term', query: 'children' },
      { name: 'two terms', query: 'trafficking school' },
      { name: 'cross-script', query: 'трговина децом' },
      { name: 'faceted (with counts)', query: 'деца', filters: { countries: ['RS', 'MK'], evidence: ['promising', 'best'] } },
    ];

    line();
    line(`latency in ms (${plan.clients} concurrent clients; load average before: ${loadAverage()})`);
    line(`  ${'shape / target'.padEnd(26)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'p99'.padStart(8)}${'max'.padStart(8)}${'calls/s'.padStart(9)}${'calls'.padStart(7)}`);
    for (const shape of shapes) {
      recorder.recording = [];
      const first = await search.search({ query: shape.query, filters: shape.filters, first: 20 });
      const statements = recorder.recording.filter((statement) => !/^(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SET TRANSACTION)/i.test(statement.sql.trim()));
      recorder.recording = undefined;
      line(`${shape.name}: "${shape.query}"${shape.filters ? ` ${JSON.stringify(shape.filters)}` : ''} -> ${first.totalCount} practices`);
      const viaPort = await runConcurrent(async () => {
        await search.search({ query: shape.query, filters: shape.filters, first: 20 });
      }, { inFlight: plan.clients, total: plan.calls, capMs: plan.capSeconds * 1000 });
      const rawSql = await runConcurrent(async () => {
        const client = await raw.connect();
        try {
          await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
          for (const statement of statements) await client.query(statement.sql, statement.parameters);
          await client.query('COMMIT');
        } finally {
          client.release();
        }
      }, { inFlight: plan.clients, total: plan.calls, capMs: plan.capSeconds * 1000 });
      line(row('  port (search())', viaPort));
      line(row('  raw SQL, same statements', rawSql));
      if (plan.explain) await explain(raw, statements);
    }

    await publishToFound(search, plan, shapes[2]!);
  } finally {
    await raw.end();
    await dataSource.destroy();
    if (!plan.keep) await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.end();
    await postgres.close();
    line(`\ndone in ${((performance.now() - startedAt) / 1000).toFixed(0)} s; load average ${loadAverage()}`);
  }
}

/** The organisation of practice 0: a name about practices / ORGANISATIONS practices carry. */
function generatePracticeOrganisation(plan: Options): number {
  const summary = generatePractice(plan.seed, 0).texts[0]!.summary;
  for (let index = 0; index < ORGANISATIONS; index += 1) if (summary.includes(`${organisationName(index)}.`)) return index;
  return 0;
}

/**
 * Bulk load through the store: the secondary indexes are dropped and built again after
 * (building a GIN index at once is many times faster than growing it row by row), the
 * vocabulary counted once at the end, then VACUUM ANALYZE as after any bulk load.
 */
async function load(dataSource: DataSource, plan: Options): Promise<void> {
  const loadStartedAt = performance.now();
  const indexes = (await dataSource.query(
    `SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('practice_search_document', 'practice_search_term') AND indexname NOT LIKE '%pkey'`,
  )) as { indexname: string; indexdef: string }[];
  for (const index of indexes) await dataSource.query(`DROP INDEX ${index.indexname}`);
  let next = 0;
  let texts = 0;
  const worker = async () => {
    while (next < plan.practices) {
      const batch: number[] = [];
      while (batch.length < 50 && next < plan.practices) batch.push(next++);
      await dataSource.transaction(async (manager) => {
        for (const index of batch) {
          const practice = generatePractice(plan.seed, index);
          texts += practice.texts.length;
          await insertPracticeTexts(manager, practice.practiceId, practice, practice.texts.map(indexedText));
        }
      });
      if (next % 5_000 < 50) process.stdout.write(`  loaded ${next} practices (${((performance.now() - loadStartedAt) / 1000).toFixed(0)} s)\n`);
    }
  };
  // Two writers: one computes keys while the other's texts are stemmed by Postgres.
  await Promise.all([worker(), worker()]);
  const textsLoadedAt = performance.now();
  await dataSource.query(`SET maintenance_work_mem = '256MB'`);
  for (const index of indexes) await dataSource.query(index.indexdef);
  await dataSource.transaction((manager) => rebuildVocabulary(manager));
  await dataSource.query('VACUUM ANALYZE practice_search_document');
  await dataSource.query('VACUUM ANALYZE practice_search_term');
  const [size] = (await dataSource.query(
    `SELECT pg_size_pretty(pg_total_relation_size('practice_search_document')) AS documents, pg_size_pretty(pg_total_relation_size('practice_search_term')) AS vocabulary, (SELECT count(*) FROM practice_search_term)::int AS terms`,
  )) as { documents: string; vocabulary: string; terms: number }[];
  line(
    `loaded ${plan.practices} practices, ${texts} texts in ${((textsLoadedAt - loadStartedAt) / 1000).toFixed(0)} s, indexes and vocabulary in ${((performance.now() - textsLoadedAt) / 1000).toFixed(0)} s` +
      ` (documents ${size!.documents}, vocabulary ${size!.vocabulary}, ${size!.terms} terms)`,
  );
}

/** A database left by `--keep` holds the corpus of these options (and the vocabulary counted for it). */
async function loaded(dataSource: DataSource, plan: Options): Promise<void> {
  const [found] = (await dataSource.query(`SELECT count(DISTINCT practice_id)::int AS practices, min(practice_id::text) AS first FROM practice_search_document`)) as { practices: number; first: string | null }[];
  if (found!.practices !== plan.practices || found!.first !== generatePractice(plan.seed, 0).practiceId) {
    throw new Error(`--reuse: ${DATABASE} holds ${found!.practices} practices, not the ${plan.practices} of seed ${plan.seed}; run without --reuse`);
  }
  // As after a load: the earlier run's publications may have left entries in the GIN
  // indexes' pending lists, which every search would read. (Their few dead rows are left to
  // autovacuum: a VACUUM scans every GIN index, minutes at 50,000 practices.)
  await dataSource.query(
    `SELECT gin_clean_pending_list(indexrelid::regclass) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
      WHERE i.indrelid = 'practice_search_document'::regclass AND a.amname = 'gin'`,
  );
  line(`reusing the ${plan.practices} practices left by an earlier --keep run`);
}

async function explain(raw: Pool, statements: readonly Statement[]): Promise<void> {
  const client = await raw.connect();
  try {
    await client.query('BEGIN');
    for (const statement of statements) {
      if (/^\s*SET\b/i.test(statement.sql)) {
        await client.query(statement.sql);
        continue;
      }
      const result = (await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, statement.parameters)) as { rows: { 'QUERY PLAN': string }[] };
      line(result.rows.map((planRow) => `      ${planRow['QUERY PLAN']}`).join('\n'));
    }
    await client.query('ROLLBACK');
  } finally {
    client.release();
  }
}

/**
 * Publish -> found: a practice not in the corpus, carrying a word no other has, indexed
 * through the port (as the publication use case will) and searched for until it is found,
 * while `clients` - 1 callers keep searching (the two-term shape).
 */
async function publishToFound(search: PostgresPracticeSearch, plan: Options, background: Shape): Promise<void> {
  const samples: number[] = [];
  let stop = false;
  const load = Array.from({ length: plan.clients - 1 }, async () => {
    while (!stop) await search.search({ query: background.query, filters: background.filters, first: 20 });
  });
  const loopStartedAt = performance.now();
  try {
    for (let round = 0; round < 30; round += 1) {
      const practice = generatePractice(plan.seed, plan.practices + round);
      const marker = `Benchmarkmarker${round.toString(36)}x${plan.seed.toString(36)}`;
      const [first, ...rest] = practice.texts;
      const entry = { ...practice, texts: [{ ...first!, title: `${first!.title} ${marker}` }, ...rest] };
      const publishedAt = performance.now();
      await search.index(entry);
      for (;;) {
        const page = await search.search({ query: marker, first: 5 });
        if (page.edges.some((edge) => edge.node.practiceId === practice.practiceId)) break;
      }
      samples.push(performance.now() - publishedAt);
    }
  } finally {
    stop = true;
    await Promise.all(load);
  }
  const result = summarize(samples, performance.now() - loopStartedAt);
  line(`\npublish -> found (index through the port, then search; ${plan.clients - 1} clients searching meanwhile):`);
  line(`  p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, max ${result.max.toFixed(1)} ms over ${result.count}`);
  for (let round = 0; round < 30; round += 1) await search.remove(generatePractice(plan.seed, plan.practices + round).practiceId);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
