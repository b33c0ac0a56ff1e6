/**
 * Who receives a live alert change: the audience the alerts service computed for the
 * event (it owns the need-to-know rule), matched against the subscriber's principal.
 *
 * - a recipient, by subject;
 * - a member of an agency in `memberAgencyIds` (the originating agency);
 * - an agency admin of an agency in `adminAgencyIds` (the recipients' agencies);
 * - a curator (regional attaché), when the audience includes curators.
 *
 * The first three are parties to the alert, and only professionals and agency admins act
 * as parties (the service's rule too): an auditor or partner whose token happens to name
 * the same agency or subject still receives nothing. Nobody else does: partners,
 * platform admins, auditors, other countries' professionals.
 */
import type { AlertAudience } from '@cpx/contracts';
import { hasRole, type Principal } from '@cpx/platform';

export function isInAudience(principal: Principal, audience: Pick<AlertAudience, 'memberAgencyIds' | 'adminAgencyIds' | 'subjects' | 'curators'>): boolean {
  if (hasRole(principal, 'professional', 'agency_admin')) {
    if (principal.subject && audience.subjects.includes(principal.subject)) return true;
    if (principal.agencyId && audience.memberAgencyIds.includes(principal.agencyId)) return true;
    if (principal.agencyId && hasRole(principal, 'agency_admin') && audience.adminAgencyIds.includes(principal.agencyId)) return true;
  }
  return audience.curators && hasRole(principal, 'curator');
}
