/** All SQL of countries (ADR 13): the states taking part in CPX, as rows. */
import type { EntityManager } from 'typeorm';

/** A state taking part in CPX. Data, not an enum: more states join by adding rows. */
export interface CountryRow {
  /** ISO 3166-1 alpha-2 (XK for Kosovo, as used by the EU and the partner states). */
  code: string;
  name: string;
  languages: string[];
}

export async function countryExists(manager: EntityManager, code: string): Promise<boolean> {
  const [row] = (await manager.query('SELECT EXISTS (SELECT 1 FROM country WHERE code = $1) AS known', [code])) as [{ known: boolean }];
  return row.known;
}

export async function listCountries(manager: EntityManager): Promise<CountryRow[]> {
  return manager.query('SELECT code, name, languages FROM country ORDER BY code ASC');
}

/**
 * Stores the country unless its code is taken, and gives back what is stored under it.
 * Two admins registering the same state at once: the second insert waits for the first
 * to commit and skips, then reads the first one's row (a check before a plain INSERT
 * could not see it, and the INSERT would fail on the primary key as an internal error).
 */
export async function insertCountryOnce(manager: EntityManager, country: CountryRow): Promise<{ stored: CountryRow; inserted: boolean }> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO country (code, name, languages) VALUES ($1, $2, $3)
     ON CONFLICT (code) DO NOTHING
     RETURNING code`,
    [country.code, country.name, country.languages],
  );
  if (rows.length > 0) return { stored: country, inserted: true };
  // Countries are never deleted: once the insert skipped, the row is there.
  const [stored] = (await manager.query('SELECT code, name, languages FROM country WHERE code = $1', [country.code])) as CountryRow[];
  if (!stored) throw new Error(`Country ${country.code} was neither inserted nor found.`);
  return { stored, inserted: false };
}
