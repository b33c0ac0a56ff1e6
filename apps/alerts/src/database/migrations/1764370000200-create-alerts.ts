import { MigrationInterface, QueryRunner } from 'typeorm';

/** Alerts, their targets, recipients, updates, sealed identities, identity reads, and the directory replica. */
export class CreateAlerts1764370000200 implements MigrationInterface {
  name = 'CreateAlerts1764370000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE alert (
        id                   uuid PRIMARY KEY,
        idempotency_key      text NOT NULL,
        request_digest       text NOT NULL,
        kind                 text NOT NULL,
        urgency              text NOT NULL CHECK (urgency IN ('CRITICAL', 'HIGH', 'NORMAL')),
        status               text NOT NULL CHECK (status IN ('POSTED', 'IN_PROGRESS', 'RESOLVED', 'CANCELLED', 'CLOSED')),
        origin_country       char(2) NOT NULL,
        origin_agency_id     uuid NOT NULL,
        posted_by_subject    text NOT NULL,
        target_agency_types  text[] NOT NULL DEFAULT '{}',
        title                text NOT NULL,
        summary              text NOT NULL,
        outcome              text NOT NULL DEFAULT '',
        outcome_note         text NOT NULL DEFAULT '',
        posted_at            timestamptz NOT NULL,
        updated_at           timestamptz NOT NULL,
        ended_at             timestamptz,
        closed_at            timestamptz,
        identity_erased      boolean NOT NULL DEFAULT false,
        version              integer NOT NULL,
        UNIQUE (posted_by_subject, idempotency_key)
      )`);
    await queryRunner.query(`CREATE INDEX alert_status_posted ON alert (status, posted_at DESC)`);
    await queryRunner.query(`CREATE INDEX alert_origin_agency ON alert (origin_agency_id)`);
    await queryRunner.query(`
      CREATE TABLE alert_target (
        alert_id                    uuid NOT NULL REFERENCES alert (id),
        country                     char(2) NOT NULL,
        deadline                    timestamptz NOT NULL,
        acknowledged_at             timestamptz,
        acknowledged_by_agency_id   uuid,
        acknowledged_by_subject     text,
        escalation_level            integer NOT NULL DEFAULT 0,
        next_escalation_at          timestamptz,
        unrouted                    boolean NOT NULL DEFAULT false,
        PRIMARY KEY (alert_id, country)
      )`);
    // The scheduler's only question: which unacknowledged targets are due now.
    await queryRunner.query(
      `CREATE INDEX alert_target_due ON alert_target (next_escalation_at) WHERE next_escalation_at IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX alert_target_country ON alert_target (country, acknowledged_at)`);
    await queryRunner.query(`
      CREATE TABLE alert_recipient (
        alert_id         uuid NOT NULL REFERENCES alert (id),
        professional_id  uuid NOT NULL,
        country          char(2) NOT NULL,
        agency_id        uuid NOT NULL,
        subject          text,
        reason           text NOT NULL,
        added_at         timestamptz NOT NULL,
        PRIMARY KEY (alert_id, professional_id)
      )`);
    await queryRunner.query(`CREATE INDEX alert_recipient_subject ON alert_recipient (subject)`);
    await queryRunner.query(`CREATE INDEX alert_recipient_agency ON alert_recipient (agency_id)`);
    await queryRunner.query(`
      CREATE TABLE alert_update (
        id                uuid PRIMARY KEY,
        alert_id          uuid NOT NULL REFERENCES alert (id),
        author_subject    text NOT NULL,
        author_agency_id  uuid,
        author_country    text NOT NULL DEFAULT '',
        text              text NOT NULL,
        sighting_place    text,
        sighting_at       timestamptz,
        created_at        timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX alert_update_alert ON alert_update (alert_id, created_at)`);
    await queryRunner.query(`
      CREATE TABLE child_identity (
        alert_id     uuid PRIMARY KEY REFERENCES alert (id),
        key_id       text NOT NULL,
        wrapped_key  bytea NOT NULL,
        ciphertext   bytea NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE identity_read (
        id                bigserial PRIMARY KEY,
        alert_id          uuid NOT NULL REFERENCES alert (id),
        reader_subject    text NOT NULL,
        reader_agency_id  uuid,
        reader_country    text NOT NULL DEFAULT '',
        purpose           text NOT NULL,
        read_at           timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX identity_read_alert ON identity_read (alert_id, read_at)`);
    await queryRunner.query(`
      CREATE TABLE replica_agency (
        id              uuid PRIMARY KEY,
        country         char(2) NOT NULL,
        type            text NOT NULL,
        source_version  bigint NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE replica_professional (
        id              uuid PRIMARY KEY,
        agency_id       uuid NOT NULL,
        subject         text,
        status          text NOT NULL,
        source_version  bigint NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX replica_professional_subject ON replica_professional (subject)`);
    await queryRunner.query(`
      CREATE TABLE replica_focal_point (
        id               uuid PRIMARY KEY,
        country          char(2) NOT NULL,
        alert_kind       text NOT NULL,
        professional_id  uuid NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX replica_focal_point_country ON replica_focal_point (country)`);
    await queryRunner.query(`
      CREATE TABLE replica_on_duty_shift (
        id               uuid PRIMARY KEY,
        professional_id  uuid NOT NULL,
        country          char(2) NOT NULL,
        alert_kind       text NOT NULL,
        starts_at        timestamptz NOT NULL,
        ends_at          timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX replica_on_duty_window ON replica_on_duty_shift (country, starts_at, ends_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'replica_on_duty_shift',
      'replica_focal_point',
      'replica_professional',
      'replica_agency',
      'identity_read',
      'child_identity',
      'alert_update',
      'alert_recipient',
      'alert_target',
      'alert',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
