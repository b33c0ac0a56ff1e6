/**
 * All SQL of agencies (ADR 13): each function runs on the manager of the caller's
 * transaction (or the data source's manager for a plain read) and gives back plain rows,
 * mapped from the columns once, here.
 */
import { DomainError, queryPrepared } from '@cpx/platform';
import { QueryFailedError, type EntityManager } from 'typeorm';
import type { StoredContact } from '../contacts/domain/stored-contact';
import { prefixedColumns, unprefixed } from '../database/prefixed-columns';
import { SqlConditions } from '../database/sql-conditions';
import { PROFESSIONAL_COLUMNS, professionalFromColumns, type ProfessionalColumns, type ProfessionalRow } from '../professionals/professional.store';
import { byName } from '../search/name-collation';
import { whereSearchTextMatches, whereSpeaks } from '../search/search-filters';

export interface AgencyRow {
  id: string;
  name: string;
  /** Folded name, locality and jurisdiction with their Latin forms (search/domain/search-index.ts); what free-text search matches. */
  searchText: string;
  /** AgencyType name as in proto, e.g. `POLICE`. */
  type: string;
  country: string;
  locality: string;
  jurisdiction: string;
  languages: string[];
  contacts: StoredContact[];
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

const AGENCY_COLUMNS = 'id, name, search_text, type, country, locality, jurisdiction, languages, contacts, created_at, updated_at, version';

interface AgencyColumns {
  id: string;
  name: string;
  search_text: string;
  type: string;
  country: string;
  locality: string;
  jurisdiction: string;
  languages: string[];
  contacts: StoredContact[];
  created_at: Date;
  updated_at: Date;
  version: number;
}

function agencyFromColumns(row: AgencyColumns): AgencyRow {
  return {
    id: row.id,
    name: row.name,
    searchText: row.search_text,
    type: row.type,
    country: row.country,
    locality: row.locality,
    jurisdiction: row.jurisdiction,
    languages: row.languages,
    contacts: row.contacts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

const AGENCY_WITH_CALLER = `
  SELECT ${prefixedColumns('caller', PROFESSIONAL_COLUMNS)}, ${prefixedColumns('agency', AGENCY_COLUMNS)}
    FROM (SELECT 1) AS one
    LEFT JOIN professional AS caller ON caller.subject = $1
    LEFT JOIN agency ON agency.id = $2`;

/**
 * An agency and the caller's own professional record, in one statement: one round trip
 * on one connection, for the directory's most frequent read (on a small machine each
 * extra round trip to Postgres costs more CPU than the query itself). Prepared, for the
 * same reason. `subject` is unique, so the row is one row whatever matches; either side
 * is null when there is none.
 */
export async function agencyWithCaller(
  manager: EntityManager,
  subject: string | null,
  id: string,
): Promise<{ caller: ProfessionalRow | null; agency: AgencyRow | null }> {
  const [row] = await queryPrepared<Record<string, unknown>>(manager, AGENCY_WITH_CALLER, [subject, id]);
  const caller = unprefixed<ProfessionalColumns>(row, 'caller');
  const agency = unprefixed<AgencyColumns>(row, 'agency');
  return { caller: caller && professionalFromColumns(caller), agency: agency && agencyFromColumns(agency) };
}

/** One agency, or null. `forUpdate` locks its row until the transaction ends: changes to it are made one after the other. */
export async function agencyById(manager: EntityManager, id: string, options: { forUpdate?: boolean } = {}): Promise<AgencyRow | null> {
  const rows: AgencyColumns[] = await manager.query(
    `SELECT ${AGENCY_COLUMNS} FROM agency WHERE id = $1 LIMIT 1${options.forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ? agencyFromColumns(rows[0]) : null;
}

/** Stores a new agency; a name already taken in its country is CONFLICT on input.name. */
export async function insertAgency(manager: EntityManager, agency: AgencyRow): Promise<void> {
  await translatingDuplicateName(() =>
    manager.query(`INSERT INTO agency (${AGENCY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12)`, [
      agency.id,
      agency.name,
      agency.searchText,
      agency.type,
      agency.country,
      agency.locality,
      agency.jurisdiction,
      agency.languages,
      JSON.stringify(agency.contacts),
      agency.createdAt,
      agency.updatedAt,
      agency.version,
    ]),
  );
}

/** Writes back every column a change may touch (all but id and creation time); a name taken in the country is CONFLICT on input.name. */
export async function updateAgency(manager: EntityManager, agency: AgencyRow): Promise<void> {
  await translatingDuplicateName(() =>
    manager.query(
      `UPDATE agency
          SET name = $2, search_text = $3, type = $4, country = $5, locality = $6, jurisdiction = $7, languages = $8,
              contacts = $9::jsonb, updated_at = $10, version = $11
        WHERE id = $1`,
      [
        agency.id,
        agency.name,
        agency.searchText,
        agency.type,
        agency.country,
        agency.locality,
        agency.jurisdiction,
        agency.languages,
        JSON.stringify(agency.contacts),
        agency.updatedAt,
        agency.version,
      ],
    ),
  );
}

// One agency of a name per country (the unique index agency_country_name): a second
// registration, or a rename onto a taken name, is the caller's mistake to report.
async function translatingDuplicateName(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (error instanceof QueryFailedError && (error.driverError as { constraint?: string }).constraint === 'agency_country_name') {
      throw DomainError.conflict('An agency with this name is already registered in this country.', 'input.name');
    }
    throw error;
  }
}

/** What an agency search filters on, already validated (see search-agencies.usecase.ts). */
export interface AgencyFilter {
  country?: string;
  type?: string;
  /** A canonical language range (search-filters.ts languageRange). */
  language?: string;
  text?: string;
}

/**
 * Up to `take` agencies in reading order of name, then id (search/name-collation.ts);
 * `after` is the key of the last row of the page before. The total counts every match,
 * whatever the page.
 */
export async function searchAgencies(
  manager: EntityManager,
  filter: AgencyFilter,
  page: { after: string[]; take: number },
): Promise<{ rows: AgencyRow[]; totalCount: number }> {
  const conditions = new SqlConditions();
  if (filter.country) conditions.and(`agency.country = ${conditions.param(filter.country)}`);
  if (filter.type) conditions.and(`agency.type = ${conditions.param(filter.type)}`);
  if (filter.language) whereSpeaks(conditions, 'agency.languages', filter.language);
  if (filter.text) whereSearchTextMatches(conditions, 'agency.search_text', filter.text);
  // The total ignores the page: counted before the cursor and the limit join the conditions.
  const [{ count }] = (await manager.query(`SELECT count(*)::int AS count FROM agency ${conditions.where()}`, [...conditions.values])) as [
    { count: number },
  ];
  if (page.after.length === 2) {
    const [name, id] = page.after.map((part) => conditions.param(part));
    conditions.and(`(${byName('agency.name')}, agency.id) > (lower(${name}), ${id})`);
  }
  const rows: AgencyColumns[] = await manager.query(
    `SELECT ${AGENCY_COLUMNS} FROM agency ${conditions.where()}
      ORDER BY ${byName('agency.name')} ASC, agency.id ASC
      LIMIT ${conditions.param(page.take)}`,
    conditions.values,
  );
  return { rows: rows.map(agencyFromColumns), totalCount: count };
}
