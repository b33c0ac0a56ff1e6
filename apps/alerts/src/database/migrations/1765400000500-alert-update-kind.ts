import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An entry of the update thread has a kind: a note (every entry so far), or a target
 * country's report that the child was found (ReportChildFound).
 */
export class AlertUpdateKind1765400000500 implements MigrationInterface {
  name = 'AlertUpdateKind1765400000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE alert_update ADD COLUMN kind text NOT NULL DEFAULT 'NOTE'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE alert_update DROP COLUMN kind`);
  }
}
