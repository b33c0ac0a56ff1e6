import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What changing a subscription in place needs (partners/update-subscription.usecase.ts):
 *
 * - `subscription.version`, the version of its settings, for optimistic concurrency; 1 for
 *   every existing subscription, as for a new one.
 * - `webhook_delivery.payload_mode`, the payload mode of the delivery's body, fixed when
 *   the event is recorded, so that a change of the subscription's mode never changes the
 *   body of a delivery already made (every attempt and resend of one delivery carries the
 *   same body). NULL in rows from before (and from an instance on the older code during a
 *   rolling deploy): those take the subscription's mode, and an update that changes the
 *   mode writes the old one into them first.
 *
 * Constant defaults and a nullable column: neither table is rewritten.
 */
export class SubscriptionChanges1764370000900 implements MigrationInterface {
  name = 'SubscriptionChanges1764370000900';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE subscription ADD COLUMN version integer NOT NULL DEFAULT 1`);
    await queryRunner.query(`
      ALTER TABLE webhook_delivery
        ADD COLUMN payload_mode text
        CONSTRAINT webhook_delivery_payload_mode CHECK (payload_mode IN ('THIN', 'FULL'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE webhook_delivery DROP COLUMN payload_mode`);
    await queryRunner.query(`ALTER TABLE subscription DROP COLUMN version`);
  }
}
