import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deliveries owed to a disabled endpoint are kept, PARKED, instead of being lost: events
 * recorded while it is disabled get one (record-feed-event.usecase.ts), and those pending
 * when it was disabled are parked then (endpoint-disabling.ts). Enabling it again queues
 * them in feed order (endpoint-enabling.ts). The feed's retention bounds them: an event
 * past retention is deleted with its deliveries, parked or not (prune-feed.usecase.ts).
 *
 * PARKED rows stay out of every index the claim reads (all partial on state = 'PENDING'),
 * so a disabled endpoint's backlog costs the delivery of everybody else nothing; they
 * have a partial index of their own, by subscription in feed order, for the release.
 *
 * Pending deliveries of endpoints already disabled are parked here. During a rolling
 * deploy an older instance may enable an endpoint without releasing its parked
 * deliveries; enabling it again (idempotent) releases them.
 */
export class ParkedDeliveries1764370000800 implements MigrationInterface {
  name = 'ParkedDeliveries1764370000800';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Named as Postgres named the inline CHECK of migration 1764370000300. NOT VALID: every
    // existing row passed the stricter check it replaces, so scanning the table again (under
    // the lock this statement holds until the migration commits) would prove nothing.
    await queryRunner.query(`
      ALTER TABLE webhook_delivery
        DROP CONSTRAINT webhook_delivery_state_check,
        ADD CONSTRAINT webhook_delivery_state_check CHECK (state IN ('PENDING', 'PARKED', 'DELIVERED', 'FAILED')) NOT VALID`);
    await queryRunner.query(`CREATE INDEX webhook_delivery_parked ON webhook_delivery (subscription_id, sequence) WHERE state = 'PARKED'`);
    await queryRunner.query(`
      UPDATE webhook_delivery SET state = 'PARKED', claim_token = NULL
      WHERE state = 'PENDING' AND (claim_token IS NULL OR next_attempt_at <= now())
        AND subscription_id IN (SELECT id FROM subscription WHERE NOT enabled AND deleted_at IS NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Parked deliveries become pending again: the claim skips disabled endpoints as before.
    await queryRunner.query(`UPDATE webhook_delivery SET state = 'PENDING' WHERE state = 'PARKED'`);
    await queryRunner.query(`DROP INDEX IF EXISTS webhook_delivery_parked`);
    await queryRunner.query(`
      ALTER TABLE webhook_delivery
        DROP CONSTRAINT webhook_delivery_state_check,
        ADD CONSTRAINT webhook_delivery_state_check CHECK (state IN ('PENDING', 'DELIVERED', 'FAILED'))`);
  }
}
