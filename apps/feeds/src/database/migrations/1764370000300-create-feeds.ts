import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partners, their subscriptions, the redacted feed (CPX's own sequence), webhook
 * deliveries with their attempt log, and the agency -> country replica that gives
 * professionals' events a country.
 */
export class CreateFeeds1764370000300 implements MigrationInterface {
  name = 'CreateFeeds1764370000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE partner (
        id          uuid PRIMARY KEY,
        name        text NOT NULL,
        countries   text[] NOT NULL DEFAULT '{}',
        created_by  text NOT NULL,
        created_at  timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE subscription (
        id                          uuid PRIMARY KEY,
        partner_id                  uuid NOT NULL REFERENCES partner (id),
        event_types                 text[] NOT NULL,
        countries                   text[] NOT NULL DEFAULT '{}',
        webhook_url                 text,
        secret                      text NOT NULL,
        previous_secret             text,
        previous_secret_expires_at  timestamptz,
        enabled                     boolean NOT NULL DEFAULT true,
        disabled_reason             text NOT NULL DEFAULT '',
        created_at                  timestamptz NOT NULL,
        deleted_at                  timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX subscription_partner ON subscription (partner_id) WHERE deleted_at IS NULL`);
    // The sequence is the partners' cursor: rows are inserted under a lock (see
    // record-feed-event.usecase.ts) so that sequences become visible in order.
    await queryRunner.query(`
      CREATE TABLE feed_event (
        sequence     bigserial PRIMARY KEY,
        source       text NOT NULL,
        event_id     text NOT NULL,
        type         text NOT NULL,
        subject      text NOT NULL,
        countries    text[] NOT NULL DEFAULT '{}',
        occurred_at  timestamptz NOT NULL,
        recorded_at  timestamptz NOT NULL DEFAULT now(),
        data         text NOT NULL,
        UNIQUE (source, event_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE webhook_delivery (
        id               uuid PRIMARY KEY,
        subscription_id  uuid NOT NULL REFERENCES subscription (id),
        sequence         bigint NOT NULL REFERENCES feed_event (sequence),
        state            text NOT NULL CHECK (state IN ('PENDING', 'DELIVERED', 'FAILED')),
        attempts         integer NOT NULL DEFAULT 0,
        next_attempt_at  timestamptz NOT NULL,
        claim_token      uuid,
        last_status      integer,
        last_error       text NOT NULL DEFAULT '',
        created_at       timestamptz NOT NULL DEFAULT now(),
        delivered_at     timestamptz,
        UNIQUE (subscription_id, sequence)
      )`);
    // The workers' only question: which pending deliveries are due now.
    await queryRunner.query(`CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE state = 'PENDING'`);
    await queryRunner.query(`
      CREATE TABLE delivery_attempt (
        id            bigserial PRIMARY KEY,
        delivery_id   uuid NOT NULL REFERENCES webhook_delivery (id),
        attempt       integer NOT NULL,
        attempted_at  timestamptz NOT NULL,
        status_code   integer,
        latency_ms    integer NOT NULL,
        error         text NOT NULL DEFAULT ''
      )`);
    await queryRunner.query(`CREATE INDEX delivery_attempt_delivery ON delivery_attempt (delivery_id, attempt)`);
    await queryRunner.query(`
      CREATE TABLE replica_agency_country (
        agency_id       uuid PRIMARY KEY,
        country         text NOT NULL,
        source_version  bigint NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['delivery_attempt', 'webhook_delivery', 'feed_event', 'subscription', 'partner', 'replica_agency_country']) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
