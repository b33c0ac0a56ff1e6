import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deliveries in flight, by subscription: every claim counts an endpoint's (at most
 * FEEDS_ENDPOINT_CONCURRENCY, see delivery/delivery.store.ts). Only leased rows
 * (claimed, not yet finished) are in it, a handful per endpoint, so the count costs the
 * same whatever an endpoint's backlog of retries waiting for later; the index of pending
 * deliveries by subscription would make it read that whole backlog.
 */
export class LeasedDeliveries1764370000700 implements MigrationInterface {
  name = 'LeasedDeliveries1764370000700';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX webhook_delivery_leased ON webhook_delivery (subscription_id, next_attempt_at) WHERE state = 'PENDING' AND claim_token IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS webhook_delivery_leased`);
  }
}
