import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each subscription's webhook payload mode (delivery/domain/webhook-payload.ts): THIN, the
 * default (ids, and where to fetch the rest through the API), or FULL (the whole redacted
 * event). Existing subscriptions become THIN, as the default says; the column's default
 * also covers rows written by an instance on the older code during a rolling deploy.
 * A constant default adds the column without rewriting the table.
 */
export class WebhookPayloadMode1764370000600 implements MigrationInterface {
  name = 'WebhookPayloadMode1764370000600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE subscription
        ADD COLUMN payload_mode text NOT NULL DEFAULT 'THIN'
        CONSTRAINT subscription_payload_mode CHECK (payload_mode IN ('THIN', 'FULL'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE subscription DROP COLUMN payload_mode`);
  }
}
