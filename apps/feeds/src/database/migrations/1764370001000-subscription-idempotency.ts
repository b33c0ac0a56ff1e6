import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotent creation of subscriptions (partners/create-subscription.usecase.ts): the
 * partner's idempotency key and the digest of the request that used it. The key stays
 * taken once its subscription is deleted (a retry then must not create another). Existing
 * subscriptions have none.
 */
export class SubscriptionIdempotency1764370001000 implements MigrationInterface {
  name = 'SubscriptionIdempotency1764370001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE subscription ADD COLUMN idempotency_key text, ADD COLUMN request_digest text`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX subscription_idempotency_key ON subscription (partner_id, idempotency_key) WHERE idempotency_key IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS subscription_idempotency_key`);
    await queryRunner.query(`ALTER TABLE subscription DROP COLUMN request_digest, DROP COLUMN idempotency_key`);
  }
}
