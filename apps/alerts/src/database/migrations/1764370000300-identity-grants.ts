import { MigrationInterface, QueryRunner } from 'typeorm';

/** Grants letting a named attaché read the identity on one alert. */
export class IdentityGrants1764370000300 implements MigrationInterface {
  name = 'IdentityGrants1764370000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE identity_grant (
        alert_id            uuid NOT NULL REFERENCES alert (id),
        grantee_subject     text NOT NULL,
        granted_by_subject  text NOT NULL,
        reason              text NOT NULL,
        granted_at          timestamptz NOT NULL,
        PRIMARY KEY (alert_id, grantee_subject)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE identity_grant`);
  }
}
