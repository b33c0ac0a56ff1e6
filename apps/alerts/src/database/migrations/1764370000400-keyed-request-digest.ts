import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Request digests become keyed (HMAC, request-digest.ts) and are erased with the child's
 * identity, so the column takes NULL. The plain SHA-256 digests written before cover the
 * child's record and would confirm a guessed identity: they go. A replay of a post made
 * before this migration is then answered CONFLICT (it can no longer be compared), as
 * after an erasure.
 */
export class KeyedRequestDigest1764370000400 implements MigrationInterface {
  name = 'KeyedRequestDigest1764370000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE alert ALTER COLUMN request_digest DROP NOT NULL`);
    await queryRunner.query(`UPDATE alert SET request_digest = NULL WHERE request_digest NOT LIKE 'hmac-sha256:%'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The erased digests cannot come back; an empty one never matches a request.
    await queryRunner.query(`UPDATE alert SET request_digest = '' WHERE request_digest IS NULL`);
    await queryRunner.query(`ALTER TABLE alert ALTER COLUMN request_digest SET NOT NULL`);
  }
}
