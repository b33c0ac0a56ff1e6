import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What delivery needs beyond the first cut: the pace of each endpoint (rate limit across
 * instances), the start of its current run of failures (disabled after 5 days of them),
 * where a replayed delivery's retry schedule starts again, and the indexes that replay
 * and feed retention read by.
 */
export class DeliveryControls1764370000400 implements MigrationInterface {
  name = 'DeliveryControls1764370000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The earliest time the next webhook may leave for this endpoint (next-allowed-time).
    await queryRunner.query(`ALTER TABLE subscription ADD COLUMN next_send_at timestamptz NOT NULL DEFAULT '-infinity'`);
    // Set by the first failed attempt after a success, cleared by the next success.
    await queryRunner.query(`ALTER TABLE subscription ADD COLUMN failing_since timestamptz`);
    // Attempts made before the delivery was last replayed: the schedule counts from here.
    await queryRunner.query(`ALTER TABLE webhook_delivery ADD COLUMN retry_base integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`CREATE INDEX webhook_delivery_failed ON webhook_delivery (subscription_id, created_at) WHERE state = 'FAILED'`);
    await queryRunner.query(`CREATE INDEX webhook_delivery_pending_subscription ON webhook_delivery (subscription_id, next_attempt_at) WHERE state = 'PENDING'`);
    await queryRunner.query(`CREATE INDEX webhook_delivery_sequence ON webhook_delivery (sequence)`);
    await queryRunner.query(`CREATE INDEX feed_event_recorded_at ON feed_event (recorded_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of ['feed_event_recorded_at', 'webhook_delivery_sequence', 'webhook_delivery_pending_subscription', 'webhook_delivery_failed']) {
      await queryRunner.query(`DROP INDEX IF EXISTS ${index}`);
    }
    await queryRunner.query(`ALTER TABLE webhook_delivery DROP COLUMN retry_base`);
    await queryRunner.query(`ALTER TABLE subscription DROP COLUMN failing_since, DROP COLUMN next_send_at`);
  }
}
