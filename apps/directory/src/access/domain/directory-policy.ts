/**
 * Who may do what in the directory. Pure rules over the caller; each use case asks
 * before it reads or writes, and a refusal is FORBIDDEN with nothing changed.
 */
import { DomainError, hasRole } from '@cpx/platform';
import type { Caller } from './caller';

/** Agencies and countries: every signed-in role, partners included (they coordinate with agencies). */
export function assertMayReadAgencies(caller: Caller): void {
  if (caller.principal.roles.length === 0) throw DomainError.forbidden('You have no role in CPX.');
}

/**
 * People and their contacts: professionals, admins, curators and auditors. A professional
 * whose account is not yet verified sees no one: verification is what makes the
 * directory a place professionals can trust with their phone numbers.
 */
export function assertMayReadPeople(caller: Caller): void {
  if (!hasRole(caller.principal, 'professional', 'agency_admin', 'curator', 'platform_admin', 'auditor')) {
    throw DomainError.forbidden('Your role may not read the professional directory.');
  }
  if (caller.professional && caller.professional.status !== 'VERIFIED' && !hasRole(caller.principal, 'platform_admin')) {
    throw DomainError.forbidden('Your account has not been verified yet.');
  }
  // Professionals and agency admins read people as members of an agency; with no record
  // of theirs in the directory (never invited, or a record that is not theirs, see
  // caller.ts) they are not verified members of anything.
  if (!caller.professional && !hasRole(caller.principal, 'curator', 'platform_admin', 'auditor')) {
    throw DomainError.forbidden('You are not registered in the directory: ask your agency admin to invite you.');
  }
}

export function assertMayManageAgencies(caller: Caller): void {
  if (!hasRole(caller.principal, 'platform_admin')) {
    throw DomainError.forbidden('Only a platform admin may register or change agencies.');
  }
}

/**
 * Which states take part is the platform's decision, not an agency's: a country is what
 * alerts are routed to and partners subscribe by.
 */
export function assertMayRegisterCountries(caller: Caller): void {
  if (!hasRole(caller.principal, 'platform_admin')) {
    throw DomainError.forbidden('Only a platform admin may register a country.');
  }
}

/** Platform admins anywhere; agency admins for the people of their own agency only. */
export function assertMayManagePeopleOf(caller: Caller, agencyId: string): void {
  if (hasRole(caller.principal, 'platform_admin')) return;
  if (hasRole(caller.principal, 'agency_admin') && caller.principal.agencyId === agencyId) return;
  throw DomainError.forbidden('You may only manage the professionals of your own agency.');
}

/** May the caller see suspended and unverified people (not only verified ones)? */
export function mayManageAnyoneIn(caller: Caller, agencyId: string | undefined): boolean {
  if (hasRole(caller.principal, 'platform_admin')) return true;
  return hasRole(caller.principal, 'agency_admin') && !!agencyId && caller.principal.agencyId === agencyId;
}

/** Focal points and duty rosters: the professional's agency admin, for the agency's own country. */
export function assertMayNameContactsFor(caller: Caller, agency: { id: string; country: string }, country: string): void {
  assertMayManagePeopleOf(caller, agency.id);
  if (!hasRole(caller.principal, 'platform_admin') && agency.country !== country) {
    throw DomainError.forbidden('An agency names contacts only for its own country.');
  }
}
