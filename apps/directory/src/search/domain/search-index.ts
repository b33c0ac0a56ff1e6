/**
 * What of each record search reads, kept in columns beside the record (see
 * @cpx/names searchText and searchKey): written with every change to the record, and
 * rewritten for every row by a migration when the rules change (database/migrations).
 */
import { searchKey, searchText } from '@cpx/names';

/** Agencies are found by name, locality and jurisdiction. */
export function agencySearchText(agency: { name: string; locality: string; jurisdiction: string }): string {
  return searchText(agency.name, agency.locality, agency.jurisdiction);
}

export interface ProfessionalSearchColumns {
  searchText: string;
  expertiseKeys: string[];
}

/**
 * Professionals are found by their names and areas of expertise as free text, and
 * filtered by one area of expertise as a whole, written in any script.
 */
export function professionalSearchColumns(professional: { givenName: string; familyName: string; expertise: string[] }): ProfessionalSearchColumns {
  return {
    searchText: searchText(professional.givenName, professional.familyName, ...professional.expertise),
    expertiseKeys: [...new Set(professional.expertise.map(searchKey))],
  };
}
