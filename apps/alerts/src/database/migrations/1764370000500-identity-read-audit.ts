import { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit trail across alerts pages newest first, often narrowed to one reader. */
export class IdentityReadAudit1764370000500 implements MigrationInterface {
  name = 'IdentityReadAudit1764370000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX identity_read_reader ON identity_read (reader_subject, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX identity_read_reader`);
  }
}
