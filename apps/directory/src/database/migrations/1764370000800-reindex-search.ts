import type { MigrationInterface, QueryRunner } from 'typeorm';
import { agencySearchText, professionalSearchColumns } from '../../search/domain/search-index';

/**
 * Search across scripts both ways: search texts now carry every Latin form of a name
 * (transliteration and spelling key, see @cpx/names folding.ts), an agency's also
 * its jurisdiction, and professionals get `expertise_keys` for the expertise filter.
 *
 * The forms are computed by the TypeScript the service writes them with (transliteration
 * tables have no SQL equivalent worth keeping in step), so this migration reads every
 * row and writes its search columns back, in batches. It runs with the rules of the code
 * it ships with; a later change of the rules adds a migration calling reindexSearch
 * again. Only search columns change: no version, no event, nothing a reader sees.
 *
 * During a rolling deploy, an instance still on the older code writes the older forms
 * (and no expertise keys) until it stops; a row so written is found as before by text
 * and is re-indexed when next changed.
 */
export class ReindexSearch1764370000800 implements MigrationInterface {
  name = 'ReindexSearch1764370000800';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE professional ADD COLUMN expertise_keys text[] NOT NULL DEFAULT '{}'`);
    await reindexSearch(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The richer search texts stay: the older code still finds by them what it found before.
    await queryRunner.query(`ALTER TABLE professional DROP COLUMN expertise_keys`);
  }
}

const BATCH_SIZE = 500;

/** Rewrites the search columns of every agency and professional with the current rules. */
export async function reindexSearch(queryRunner: QueryRunner): Promise<void> {
  for await (const agency of rowsOf<{ id: string; name: string; locality: string; jurisdiction: string }>(
    queryRunner,
    'SELECT id, name, locality, jurisdiction FROM agency WHERE id > $1 ORDER BY id LIMIT $2',
  )) {
    await queryRunner.query('UPDATE agency SET search_text = $2 WHERE id = $1', [agency.id, agencySearchText(agency)]);
  }
  for await (const row of rowsOf<{ id: string; given_name: string; family_name: string; expertise: string[] }>(
    queryRunner,
    'SELECT id, given_name, family_name, expertise FROM professional WHERE id > $1 ORDER BY id LIMIT $2',
  )) {
    const columns = professionalSearchColumns({ givenName: row.given_name, familyName: row.family_name, expertise: row.expertise });
    await queryRunner.query('UPDATE professional SET search_text = $2, expertise_keys = $3 WHERE id = $1', [row.id, columns.searchText, columns.expertiseKeys]);
  }
}

/** Every row of a keyset query (`id > $1 ... LIMIT $2`), one batch in memory at a time. */
async function* rowsOf<Row extends { id: string }>(queryRunner: QueryRunner, sql: string): AsyncGenerator<Row> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows: Row[] = await queryRunner.query(sql, [after, BATCH_SIZE]);
    yield* rows;
    if (rows.length < BATCH_SIZE) return;
    after = rows.at(-1)!.id;
  }
}
