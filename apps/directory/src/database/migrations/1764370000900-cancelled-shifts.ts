import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A shift cancelled before it began is kept, ending where it starts (focal-points/domain/
 * shift-ending.ts): an empty window routes nothing, and the roster still tells who was
 * planned when. Scheduling still requires a shift to end after it starts; only the table
 * now takes the empty window.
 */
export class CancelledShifts1764370000900 implements MigrationInterface {
  name = 'CancelledShifts1764370000900';

  async up(queryRunner: QueryRunner): Promise<void> {
    // on_duty_shift_check: Postgres's name for the CHECK of CreateDirectory1764370000100.
    await queryRunner.query(`
      ALTER TABLE on_duty_shift
        DROP CONSTRAINT on_duty_shift_check,
        ADD CONSTRAINT on_duty_shift_ends_at_check CHECK (ends_at >= starts_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The older code knows no cancelled shifts; they routed nothing, so dropping them loses no contact.
    await queryRunner.query(`DELETE FROM on_duty_shift WHERE ends_at = starts_at`);
    await queryRunner.query(`
      ALTER TABLE on_duty_shift
        DROP CONSTRAINT on_duty_shift_ends_at_check,
        ADD CONSTRAINT on_duty_shift_check CHECK (ends_at > starts_at)`);
  }
}
