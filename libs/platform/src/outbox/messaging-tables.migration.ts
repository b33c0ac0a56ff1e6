/**
 * The outbox and inbox tables every service carries in its own database. Services list
 * this migration first in their migrations array.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMessagingTables1764370000000 implements MigrationInterface {
  name = 'CreateMessagingTables1764370000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE cpx_outbox (
        sequence      bigserial PRIMARY KEY,
        id            uuid NOT NULL UNIQUE,
        topic         text NOT NULL,
        record_key    text NOT NULL,
        event_type    text NOT NULL,
        subject       text NOT NULL,
        occurred_at   timestamptz NOT NULL,
        payload       bytea NOT NULL,
        published_at  timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX cpx_outbox_unpublished ON cpx_outbox (sequence) WHERE published_at IS NULL`,
    );
    // Wakes the relay as soon as a transaction with events commits (NOTIFY is
    // delivered at commit), so events leave in milliseconds without busy polling.
    await queryRunner.query(`
      CREATE FUNCTION cpx_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('cpx_outbox', ''); RETURN NULL; END $$`);
    await queryRunner.query(`
      CREATE TRIGGER cpx_outbox_inserted AFTER INSERT ON cpx_outbox
      FOR EACH STATEMENT EXECUTE FUNCTION cpx_outbox_notify()`);
    await queryRunner.query(`
      CREATE TABLE cpx_inbox (
        source        text NOT NULL,
        id            text NOT NULL,
        event_type    text NOT NULL,
        handled_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (source, id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE cpx_inbox`);
    await queryRunner.query(`DROP TRIGGER cpx_outbox_inserted ON cpx_outbox`);
    await queryRunner.query(`DROP FUNCTION cpx_outbox_notify`);
    await queryRunner.query(`DROP TABLE cpx_outbox`);
  }
}
