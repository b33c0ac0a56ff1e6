/**
 * All SQL of professionals (ADR 13): each function runs on the manager of the caller's
 * transaction (or the data source's manager for a plain read) and gives back plain rows,
 * mapped from the columns once, here.
 */
import { DomainError, queryPrepared } from '@cpx/platform';
import { QueryFailedError, type EntityManager } from 'typeorm';
import type { StoredContact } from '../contacts/domain/stored-contact';
import { SqlConditions } from '../database/sql-conditions';
import { byName } from '../search/name-collation';
import { whereSearchTextMatches, whereSpeaks } from '../search/search-filters';

export interface ProfessionalRow {
  id: string;
  agencyId: string;
  givenName: string;
  familyName: string;
  /** Folded names and expertise with their Latin forms (search/domain/search-index.ts); what free-text search matches. */
  searchText: string;
  /** ProfessionalRole name as in proto, e.g. `SOCIAL_WORKER`. */
  role: string;
  languages: string[];
  expertise: string[];
  /** Each area of expertise as its search key, in any script: what the expertise filter matches. */
  expertiseKeys: string[];
  contacts: StoredContact[];
  /** VerificationStatus name: INVITED, VERIFIED or SUSPENDED. */
  status: string;
  /** The OIDC subject this professional signs in as, once linked. */
  subject: string | null;
  suspensionReason: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/** The agency a professional belongs to, as read with them: what a reply shows and the access rules read. */
export interface ProfessionalAgency {
  id: string;
  name: string;
  type: string;
  country: string;
}

export interface ProfessionalWithAgency extends ProfessionalRow {
  agency: ProfessionalAgency;
}

export const PROFESSIONAL_COLUMNS =
  'id, agency_id, given_name, family_name, search_text, role, languages, expertise, expertise_keys, contacts, status, subject, suspension_reason, created_at, updated_at, version';

/** A professional row as Postgres gives it back. */
export interface ProfessionalColumns {
  id: string;
  agency_id: string;
  given_name: string;
  family_name: string;
  search_text: string;
  role: string;
  languages: string[];
  expertise: string[];
  expertise_keys: string[];
  contacts: StoredContact[];
  status: string;
  subject: string | null;
  suspension_reason: string;
  created_at: Date;
  updated_at: Date;
  version: number;
}

export function professionalFromColumns(row: ProfessionalColumns): ProfessionalRow {
  return {
    id: row.id,
    agencyId: row.agency_id,
    givenName: row.given_name,
    familyName: row.family_name,
    searchText: row.search_text,
    role: row.role,
    languages: row.languages,
    expertise: row.expertise,
    expertiseKeys: row.expertise_keys,
    contacts: row.contacts,
    status: row.status,
    subject: row.subject,
    suspensionReason: row.suspension_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

type ColumnsWithAgency = ProfessionalColumns & { agency_name: string; agency_type: string; agency_country: string };

function professionalWithAgencyFrom(row: ColumnsWithAgency): ProfessionalWithAgency {
  return {
    ...professionalFromColumns(row),
    agency: { id: row.agency_id, name: row.agency_name, type: row.agency_type, country: row.agency_country },
  };
}

const WITH_AGENCY = `
  SELECT ${qualified('professional', PROFESSIONAL_COLUMNS)},
         agency.name AS agency_name, agency.type AS agency_type, agency.country AS agency_country
    FROM professional
    JOIN agency ON agency.id = professional.agency_id`;

const BY_SUBJECT = `SELECT ${PROFESSIONAL_COLUMNS} FROM professional WHERE subject = $1 LIMIT 1`;

/**
 * The record bound to an OIDC subject, or null. Plain SQL, prepared: it runs before
 * every operation (access/caller.ts), and building the query cost more than running it.
 */
export async function professionalBySubject(manager: EntityManager, subject: string): Promise<ProfessionalRow | null> {
  const [row] = await queryPrepared<ProfessionalColumns>(manager, BY_SUBJECT, [subject]);
  return row ? professionalFromColumns(row) : null;
}

/**
 * One professional with their agency, by id or by subject. `forUpdate` locks the
 * professional's row (not the agency's) until the transaction ends, so that two changes
 * to the same person are made one after the other.
 */
export async function professionalWithAgency(
  manager: EntityManager,
  lookup: { id: string } | { subject: string },
  options: { forUpdate?: boolean } = {},
): Promise<ProfessionalWithAgency | null> {
  const [column, value] = 'id' in lookup ? ['id', lookup.id] : ['subject', lookup.subject];
  const lock = options.forUpdate ? 'FOR UPDATE OF professional' : '';
  const rows: ColumnsWithAgency[] = await manager.query(`${WITH_AGENCY} WHERE professional.${column} = $1 LIMIT 1 ${lock}`, [value]);
  return rows[0] ? professionalWithAgencyFrom(rows[0]) : null;
}

/** The verified ones among these professionals, with their agencies, in no particular order. */
export async function verifiedProfessionalsWithAgency(manager: EntityManager, ids: string[]): Promise<ProfessionalWithAgency[]> {
  if (ids.length === 0) return [];
  const rows: ColumnsWithAgency[] = await manager.query(`${WITH_AGENCY} WHERE professional.id = ANY($1) AND professional.status = 'VERIFIED'`, [ids]);
  return rows.map(professionalWithAgencyFrom);
}

/** Stores a new professional; a subject another record signs in with is CONFLICT on input.subject. */
export async function insertProfessional(manager: EntityManager, professional: ProfessionalRow): Promise<void> {
  await translatingDuplicateSubject(() =>
    manager.query(
      `INSERT INTO professional (${PROFESSIONAL_COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $14, $15, $16)`,
      [
        professional.id,
        professional.agencyId,
        professional.givenName,
        professional.familyName,
        professional.searchText,
        professional.role,
        professional.languages,
        professional.expertise,
        professional.expertiseKeys,
        JSON.stringify(professional.contacts),
        professional.status,
        professional.subject,
        professional.suspensionReason,
        professional.createdAt,
        professional.updatedAt,
        professional.version,
      ],
    ),
  );
}

/** Writes back every column a change may touch (all but id, agency and creation time). */
export async function updateProfessional(manager: EntityManager, professional: ProfessionalRow): Promise<void> {
  await translatingDuplicateSubject(() =>
    manager.query(
      `UPDATE professional
          SET given_name = $2, family_name = $3, search_text = $4, role = $5, languages = $6, expertise = $7,
              expertise_keys = $8, contacts = $9::jsonb, status = $10, subject = $11, suspension_reason = $12,
              updated_at = $13, version = $14
        WHERE id = $1`,
      [
        professional.id,
        professional.givenName,
        professional.familyName,
        professional.searchText,
        professional.role,
        professional.languages,
        professional.expertise,
        professional.expertiseKeys,
        JSON.stringify(professional.contacts),
        professional.status,
        professional.subject,
        professional.suspensionReason,
        professional.updatedAt,
        professional.version,
      ],
    ),
  );
}

// The only unique constraint a professional's write can break (beyond the id, which is
// new) is the subject's: another record already signs in with it.
async function translatingDuplicateSubject(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
      throw DomainError.conflict('Another professional already signs in with this subject.', 'input.subject');
    }
    throw error;
  }
}

/** What a professional search filters on, already validated (see search-professionals.usecase.ts). */
export interface ProfessionalFilter {
  /** Who may be seen: everyone (platform admin), or verified people plus, for an agency admin, their own agency's. */
  visibility: { everyone: true } | { everyone: false; ownAgency?: string };
  country?: string;
  agencyId?: string;
  agencyType?: string;
  role?: string;
  status?: string;
  /** A canonical language range (search-filters.ts languageRange). */
  language?: string;
  expertiseKey?: string;
  text?: string;
}

/**
 * Up to `take` professionals with their agencies, in reading order of family name, given
 * name, then id (search/name-collation.ts); `after` is the key of the last row of the
 * page before. The total counts every match, whatever the page.
 */
export async function searchProfessionals(
  manager: EntityManager,
  filter: ProfessionalFilter,
  page: { after: string[]; take: number },
): Promise<{ rows: ProfessionalWithAgency[]; totalCount: number }> {
  const conditions = new SqlConditions();
  if (!filter.visibility.everyone) {
    const ownAgency = filter.visibility.ownAgency;
    conditions.and(`professional.status = 'VERIFIED'${ownAgency ? ` OR professional.agency_id = ${conditions.param(ownAgency)}` : ''}`);
  }
  if (filter.country) conditions.and(`agency.country = ${conditions.param(filter.country)}`);
  if (filter.agencyId) conditions.and(`professional.agency_id = ${conditions.param(filter.agencyId)}`);
  if (filter.agencyType) conditions.and(`agency.type = ${conditions.param(filter.agencyType)}`);
  if (filter.role) conditions.and(`professional.role = ${conditions.param(filter.role)}`);
  if (filter.status) conditions.and(`professional.status = ${conditions.param(filter.status)}`);
  if (filter.language) whereSpeaks(conditions, 'professional.languages', filter.language);
  // One area of expertise as a whole, in any script or spelling (search/domain/search-index.ts).
  if (filter.expertiseKey) conditions.and(`${conditions.param(filter.expertiseKey)} = ANY(professional.expertise_keys)`);
  if (filter.text) whereSearchTextMatches(conditions, 'professional.search_text', filter.text);
  // The total ignores the page: counted before the cursor and the limit join the conditions.
  const [{ count }] = (await manager.query(
    `SELECT count(*)::int AS count FROM professional JOIN agency ON agency.id = professional.agency_id ${conditions.where()}`,
    [...conditions.values],
  )) as [{ count: number }];
  if (page.after.length === 3) {
    const [familyName, givenName, id] = page.after.map((part) => conditions.param(part));
    conditions.and(
      `(${byName('professional.family_name')}, ${byName('professional.given_name')}, professional.id) > (lower(${familyName}), lower(${givenName}), ${id})`,
    );
  }
  const rows: ColumnsWithAgency[] = await manager.query(
    `${WITH_AGENCY} ${conditions.where()}
      ORDER BY ${byName('professional.family_name')} ASC, ${byName('professional.given_name')} ASC, professional.id ASC
      LIMIT ${conditions.param(page.take)}`,
    conditions.values,
  );
  return { rows: rows.map(professionalWithAgencyFrom), totalCount: count };
}

function qualified(alias: string, columns: string): string {
  return columns
    .split(',')
    .map((column) => `${alias}.${column.trim()}`)
    .join(', ');
}
