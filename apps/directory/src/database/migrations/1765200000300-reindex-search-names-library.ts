import type { MigrationInterface, QueryRunner } from 'typeorm';
import { reindexSearch } from './1764370000800-reindex-search';

/**
 * Search folds with @cpx/names now (ADR 11): invisible format characters (U+200B, soft
 * hyphen, joiners ...) are removed before folding, and the Romani ʒ is written dz. A row
 * whose names held either is re-indexed with the new rules; every row is rewritten, as
 * the first re-index did. Only search columns change.
 */
export class ReindexSearchNamesLibrary1765200000300 implements MigrationInterface {
  name = 'ReindexSearchNamesLibrary1765200000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await reindexSearch(queryRunner);
  }

  async down(): Promise<void> {
    // The search texts stay: the older code finds by them what it found before.
  }
}
