import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The directory's tables, and the partner states as data. Enum-like columns hold the
 * proto enum names (readable in SQL, stable across renumbering) and are checked where
 * the set is closed; countries are rows so that new states join without a release.
 */
export class CreateDirectory1764370000100 implements MigrationInterface {
  name = 'CreateDirectory1764370000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE country (
        code       char(2) PRIMARY KEY CHECK (code ~ '^[A-Z]{2}$'),
        name       text NOT NULL,
        languages  text[] NOT NULL DEFAULT '{}'
      )`);
    await queryRunner.query(`
      INSERT INTO country (code, name, languages) VALUES
        ('AL', 'Albania', '{sq}'),
        ('BA', 'Bosnia and Herzegovina', '{bs,hr,sr-Latn,sr-Cyrl}'),
        ('BG', 'Bulgaria', '{bg}'),
        ('HR', 'Croatia', '{hr}'),
        ('XK', 'Kosovo', '{sq,sr-Latn,sr-Cyrl}'),
        ('MK', 'North Macedonia', '{mk,sq}'),
        ('MD', 'Moldova', '{ro}'),
        ('ME', 'Montenegro', '{cnr,sr-Latn,sr-Cyrl,sq}'),
        ('RO', 'Romania', '{ro}'),
        ('RS', 'Serbia', '{sr-Cyrl,sr-Latn}'),
        ('GR', 'Greece', '{el}'),
        ('FR', 'France', '{fr}')`);
    await queryRunner.query(`
      CREATE TABLE agency (
        id            uuid PRIMARY KEY,
        name          text NOT NULL,
        search_text   text NOT NULL,
        type          text NOT NULL,
        country       char(2) NOT NULL REFERENCES country (code),
        locality      text NOT NULL DEFAULT '',
        jurisdiction  text NOT NULL DEFAULT '',
        languages     text[] NOT NULL DEFAULT '{}',
        contacts      jsonb NOT NULL DEFAULT '[]',
        created_at    timestamptz NOT NULL,
        updated_at    timestamptz NOT NULL,
        version       integer NOT NULL
      )`);
    // One agency of a name per country: a second registration is a mistake to report.
    await queryRunner.query(`CREATE UNIQUE INDEX agency_country_name ON agency (country, lower(name))`);
    await queryRunner.query(`CREATE INDEX agency_country_type ON agency (country, type)`);
    await queryRunner.query(`
      CREATE TABLE professional (
        id                 uuid PRIMARY KEY,
        agency_id          uuid NOT NULL REFERENCES agency (id),
        given_name         text NOT NULL,
        family_name        text NOT NULL,
        search_text        text NOT NULL,
        role               text NOT NULL,
        languages          text[] NOT NULL DEFAULT '{}',
        expertise          text[] NOT NULL DEFAULT '{}',
        contacts           jsonb NOT NULL DEFAULT '[]',
        status             text NOT NULL CHECK (status IN ('INVITED', 'VERIFIED', 'SUSPENDED')),
        subject            text UNIQUE,
        suspension_reason  text NOT NULL DEFAULT '',
        created_at         timestamptz NOT NULL,
        updated_at         timestamptz NOT NULL,
        version            integer NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX professional_agency ON professional (agency_id)`);
    await queryRunner.query(`
      CREATE TABLE focal_point (
        id               uuid PRIMARY KEY,
        country          char(2) NOT NULL REFERENCES country (code),
        alert_kind       text NOT NULL,
        professional_id  uuid NOT NULL REFERENCES professional (id),
        created_at       timestamptz NOT NULL,
        UNIQUE (country, alert_kind, professional_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE on_duty_shift (
        id               uuid PRIMARY KEY,
        professional_id  uuid NOT NULL REFERENCES professional (id),
        country          char(2) NOT NULL REFERENCES country (code),
        alert_kind       text NOT NULL,
        starts_at        timestamptz NOT NULL,
        ends_at          timestamptz NOT NULL CHECK (ends_at > starts_at)
      )`);
    await queryRunner.query(`CREATE INDEX on_duty_shift_window ON on_duty_shift (country, starts_at, ends_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['on_duty_shift', 'focal_point', 'professional', 'agency', 'country']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
