import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Room for the webhook secrets sealed at rest (AES-256-GCM under FEEDS_SECRET_KEYS, see
 * partners/webhook-secret-vault.ts): a key id and a ciphertext per secret column. The
 * clear columns stay, nullable, and are emptied as rows are sealed.
 *
 * Why this migration does not encrypt the existing secrets itself: the master key is
 * configuration and must never reach the database (as a SQL parameter it would be in
 * statement logs), Postgres has no AES-GCM without an extension, and migrations run
 * before the service has its keys wired. So existing rows keep working as they are
 * (readers use a clear secret when there is no sealed one) and the service seals them:
 * at startup (partners/seal-stored-secrets.usecase.ts, before the instance is up) and
 * whenever a delivery reads one. That also covers a rolling deploy, where instances on
 * the older code still write clear secrets for a while. Nothing is lost if the keys are
 * missing or wrong: the service refuses to boot, and the rows stay as they were.
 *
 * A later migration can drop `secret` and `previous_secret` once no row has a value in
 * either (`SELECT count(*) FROM subscription WHERE secret IS NOT NULL OR previous_secret IS NOT NULL`).
 */
export class SealWebhookSecrets1764370000500 implements MigrationInterface {
  name = 'SealWebhookSecrets1764370000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE subscription
        ADD COLUMN secret_key_id text,
        ADD COLUMN secret_sealed bytea,
        ADD COLUMN previous_secret_key_id text,
        ADD COLUMN previous_secret_sealed bytea,
        ALTER COLUMN secret DROP NOT NULL`);
    // Every subscription has a secret, in clear (old rows) or sealed with its key id.
    await queryRunner.query(`
      ALTER TABLE subscription
        ADD CONSTRAINT subscription_secret_present CHECK (secret IS NOT NULL OR secret_sealed IS NOT NULL),
        ADD CONSTRAINT subscription_secret_key CHECK ((secret_sealed IS NULL) = (secret_key_id IS NULL)),
        ADD CONSTRAINT subscription_previous_secret_key CHECK ((previous_secret_sealed IS NULL) = (previous_secret_key_id IS NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Without the keys a migration cannot put sealed secrets back in clear; dropping the
    // columns would leave subscriptions without secrets. Refuse rather than lose them.
    const [{ sealed }]: { sealed: number }[] = await queryRunner.query(
      `SELECT count(*)::int AS sealed FROM subscription
       WHERE secret IS NULL OR (previous_secret IS NULL AND previous_secret_sealed IS NOT NULL)`,
    );
    if (sealed > 0) {
      throw new Error(`${sealed} subscriptions hold only sealed webhook secrets; this migration cannot be reverted without losing them.`);
    }
    await queryRunner.query(`
      ALTER TABLE subscription
        DROP CONSTRAINT subscription_previous_secret_key,
        DROP CONSTRAINT subscription_secret_key,
        DROP CONSTRAINT subscription_secret_present,
        DROP COLUMN previous_secret_sealed,
        DROP COLUMN previous_secret_key_id,
        DROP COLUMN secret_sealed,
        DROP COLUMN secret_key_id,
        ALTER COLUMN secret SET NOT NULL`);
  }
}
