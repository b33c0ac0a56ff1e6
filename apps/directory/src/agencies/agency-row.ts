/**
 * An agency row read with plain SQL, as the entity TypeORM would have made of it: for
 * `agency(id)`, the directory's most frequent read, where building the query through
 * TypeORM cost more than running it.
 */
import { AgencyEntity, type StoredContact } from './agency.entity';

export const AGENCY_COLUMNS = 'id, name, search_text, type, country, locality, jurisdiction, languages, contacts, created_at, updated_at, version';

export interface AgencyRow {
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

export function agencyFromRow(row: AgencyRow): AgencyEntity {
  return Object.assign(new AgencyEntity(), {
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
  });
}
