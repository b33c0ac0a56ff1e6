/**
 * A professional row read with plain SQL, as the entity TypeORM would have made of it.
 * For the hottest reads (the caller's own record, before every operation), where
 * building the query through TypeORM cost more than running it.
 */
import type { StoredContact } from '../agencies/agency.entity';
import { ProfessionalEntity } from './professional.entity';

export const PROFESSIONAL_COLUMNS =
  'id, agency_id, given_name, family_name, search_text, role, languages, expertise, expertise_keys, contacts, status, subject, suspension_reason, created_at, updated_at, version';

export interface ProfessionalRow {
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

export function professionalFromRow(row: ProfessionalRow): ProfessionalEntity {
  return Object.assign(new ProfessionalEntity(), {
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
  });
}
