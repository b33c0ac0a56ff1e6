import { MigrationInterface, QueryRunner } from 'typeorm';
import { chainEntry, GENESIS_HASH, type AuditEntry } from '../../audit/domain/audit-chain';

/**
 * The audit log (ADR 0010): `audit_entry`, append-only and hash-chained, and its chain
 * head. Grants, revocations and identity reads move into it: the reads and grants kept so
 * far are appended in the order they happened (marked `backfilled`), and `identity_read`,
 * which could be changed without trace, is dropped. `identity_grant` stays as the current
 * state that a reveal checks; its history is the log's.
 *
 * Also the runtime role `<database>_runtime`: the service's pooled connections act as it
 * (service-database.ts). Creating it needs CREATEROLE (or a DBA who created it and
 * granted it to the service's user beforehand). It may do what the service does with every table, but it can
 * neither update nor delete an audit entry, nor rewind the chain head; and, not owning
 * the tables, it cannot disable their triggers. Roles are cluster-wide, hence one per
 * database.
 */
export class TamperEvidentAudit1765300000100 implements MigrationInterface {
  name = 'TamperEvidentAudit1765300000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_entry (
        seq               bigint PRIMARY KEY CHECK (seq > 0),
        at                timestamptz NOT NULL,
        actor_subject     text NOT NULL,
        alert_id          uuid,
        action            text NOT NULL,
        details           jsonb NOT NULL,
        prev_hash_global  bytea NOT NULL,
        prev_hash_alert   bytea,
        hash              bytea NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX audit_entry_alert ON audit_entry (alert_id, seq) WHERE alert_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX audit_entry_action_actor ON audit_entry (action, actor_subject, seq)`);
    await queryRunner.query(`CREATE INDEX audit_entry_action ON audit_entry (action, seq)`);
    await queryRunner.query(`
      CREATE TABLE audit_chain_head (
        id    smallint PRIMARY KEY CHECK (id = 1),
        seq   bigint NOT NULL,
        hash  bytea NOT NULL
      )`);
    await queryRunner.query(`INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, $1)`, [GENESIS_HASH]);

    await queryRunner.query(`
      CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()`);
    await queryRunner.query(`CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()`);
    // The head only moves forward, one entry at a time, to an entry that is in the log.
    await queryRunner.query(`
      CREATE FUNCTION audit_chain_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'UPDATE' OR NEW.id <> OLD.id OR NEW.seq <> OLD.seq + 1
           OR NOT EXISTS (SELECT 1 FROM audit_entry e WHERE e.seq = NEW.seq AND e.hash = NEW.hash) THEN
          RAISE EXCEPTION 'audit_chain_head moves one appended entry forward: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_chain_head_forward_only BEFORE UPDATE OR DELETE ON audit_chain_head FOR EACH ROW EXECUTE FUNCTION audit_chain_head_forward_only()`);
    await queryRunner.query(`CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_head_forward_only()`);

    await this.backfill(queryRunner);
    await queryRunner.query(`DROP TABLE identity_read`);

    await queryRunner.query(`
      DO $$
      DECLARE runtime text := current_database() || '_runtime';
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = runtime) THEN
          EXECUTE format('CREATE ROLE %I NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT', runtime);
        END IF;
        -- The service's user takes the role at connection start (SET ROLE), which a user
        -- that is no superuser may only do as a member. A role made beforehand by a DBA
        -- who also granted it is fine too.
        -- (Since Postgres 16 a role's creator is a member WITH ADMIN but without SET.)
        IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
          BEGIN
            IF current_setting('server_version_num')::int >= 160000 THEN
              EXECUTE format('GRANT %I TO %I WITH SET TRUE, INHERIT FALSE', runtime, current_user);
            ELSE
              EXECUTE format('GRANT %I TO %I', runtime, current_user);
            END IF;
          EXCEPTION WHEN insufficient_privilege THEN
            RAISE WARNING 'cannot grant % to %: grant it, or the service cannot take its runtime role', runtime, current_user;
          END;
        END IF;
        EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', current_database(), runtime);
        EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', runtime);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', runtime);
        EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO %I', runtime);
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_entry FROM %I', runtime);
        EXECUTE format('REVOKE DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_chain_head FROM %I', runtime);
        -- Tables and sequences later migrations create are the service's to use too.
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', runtime);
        EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO %I', runtime);
      END $$`);
  }

  /** Reads and grants kept before the log, appended in the order they happened. */
  private async backfill(queryRunner: QueryRunner): Promise<void> {
    const happenings: { at: Date; actorSubject: string; alertId: string; action: AuditEntry['action']; details: AuditEntry['details'] }[] = [];
    const reads: { alert_id: string; reader_subject: string; reader_agency_id: string | null; reader_country: string; purpose: string; read_at: Date }[] =
      await queryRunner.query(`SELECT alert_id, reader_subject, reader_agency_id, reader_country, purpose, read_at FROM identity_read ORDER BY id`);
    for (const read of reads) {
      happenings.push({
        at: read.read_at,
        actorSubject: read.reader_subject,
        alertId: read.alert_id,
        action: 'IDENTITY_READ',
        details: { purpose: read.purpose, readerAgencyId: read.reader_agency_id, readerCountry: read.reader_country, backfilled: true },
      });
    }
    const grants: { alert_id: string; grantee_subject: string; granted_by_subject: string; reason: string; granted_at: Date; revoked_at: Date | null; revoked_by_subject: string | null }[] =
      await queryRunner.query(`SELECT alert_id, grantee_subject, granted_by_subject, reason, granted_at, revoked_at, revoked_by_subject FROM identity_grant`);
    for (const grant of grants) {
      happenings.push({
        at: grant.granted_at,
        actorSubject: grant.granted_by_subject,
        alertId: grant.alert_id,
        action: 'IDENTITY_GRANTED',
        details: { granteeSubject: grant.grantee_subject, reason: grant.reason, backfilled: true },
      });
      if (grant.revoked_at) {
        happenings.push({
          at: grant.revoked_at,
          actorSubject: grant.revoked_by_subject ?? '',
          alertId: grant.alert_id,
          action: 'IDENTITY_REVOKED',
          details: { granteeSubject: grant.grantee_subject, backfilled: true },
        });
      }
    }
    // Stable: reads keep their recorded order among equal times.
    happenings.sort((a, b) => a.at.getTime() - b.at.getTime());
    let previous: Buffer = GENESIS_HASH;
    const lastOfAlert = new Map<string, Buffer>();
    let seq = 0n;
    for (const happening of happenings) {
      seq += 1n;
      const entry = chainEntry({ seq: seq.toString(), ...happening }, previous, lastOfAlert.get(happening.alertId) ?? null);
      await queryRunner.query(
        `INSERT INTO audit_entry (seq, at, actor_subject, alert_id, action, details, prev_hash_global, prev_hash_alert, hash)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9)`,
        [entry.seq, entry.at, entry.actorSubject, entry.alertId, entry.action, JSON.stringify(entry.details), entry.prevHashGlobal, entry.prevHashAlert, entry.hash],
      );
      await queryRunner.query(`UPDATE audit_chain_head SET seq = $1, hash = $2 WHERE id = 1`, [entry.seq, entry.hash]);
      previous = entry.hash;
      lastOfAlert.set(happening.alertId, entry.hash);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$
      DECLARE runtime text := current_database() || '_runtime';
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = runtime) THEN
          EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM %I', runtime);
          EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM %I', runtime);
          EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %I', runtime);
          EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM %I', runtime);
          EXECUTE format('REVOKE ALL ON SCHEMA public FROM %I', runtime);
          EXECUTE format('REVOKE ALL ON DATABASE %I FROM %I', current_database(), runtime);
        END IF;
      END $$`);
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
    await queryRunner.query(`CREATE INDEX identity_read_reader ON identity_read (reader_subject, id)`);
    await queryRunner.query(`
      INSERT INTO identity_read (alert_id, reader_subject, reader_agency_id, reader_country, purpose, read_at)
      SELECT alert_id, actor_subject, (details->>'readerAgencyId')::uuid, coalesce(details->>'readerCountry', ''), details->>'purpose', at
        FROM audit_entry WHERE action = 'IDENTITY_READ' ORDER BY seq`);
    await queryRunner.query(`DROP TABLE audit_chain_head`);
    await queryRunner.query(`DROP TABLE audit_entry`);
    await queryRunner.query(`DROP FUNCTION audit_chain_head_forward_only()`);
    await queryRunner.query(`DROP FUNCTION audit_entry_append_only()`);
  }
}
