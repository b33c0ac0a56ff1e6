import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A grant can be taken back: it is kept, marked revoked (when and by whom), so that the
 * audit shows who was let in and for how long. Granting again clears the mark.
 */
export class RevocableIdentityGrants1764370000600 implements MigrationInterface {
  name = 'RevocableIdentityGrants1764370000600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE identity_grant ADD COLUMN revoked_at timestamptz, ADD COLUMN revoked_by_subject text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM identity_grant WHERE revoked_at IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE identity_grant DROP COLUMN revoked_at, DROP COLUMN revoked_by_subject`);
  }
}
