/**
 * Grants and identity reads as the audit log tells them. A grant is an entry, a
 * revocation is an entry: grant -> revoke -> grant is two grants, the first revoked, each
 * with its own reason and time. Pure: the entries in, the history out.
 */
import type { AuditEntry } from '../../audit/domain/audit-chain';

export interface IdentityGrantView {
  alertId: string;
  granteeSubject: string;
  grantedBySubject: string;
  reason: string;
  grantedAt: Date;
  revokedAt: Date | null;
  revokedBySubject: string | null;
}

export interface IdentityReadView {
  alertId: string;
  readerSubject: string;
  readerAgencyId: string | null;
  readerCountry: string;
  purpose: string;
  readAt: Date;
}

/** Every grant on one alert, oldest first; a revocation closes the grantee's grants still open. */
export function grantHistory(entries: readonly AuditEntry[]): IdentityGrantView[] {
  const grants: IdentityGrantView[] = [];
  for (const entry of entries) {
    const grantee = String(entry.details['granteeSubject'] ?? '');
    if (entry.action === 'IDENTITY_GRANTED') {
      grants.push({
        alertId: entry.alertId ?? '',
        granteeSubject: grantee,
        grantedBySubject: entry.actorSubject,
        reason: String(entry.details['reason'] ?? ''),
        grantedAt: entry.at,
        revokedAt: null,
        revokedBySubject: null,
      });
    } else if (entry.action === 'IDENTITY_REVOKED') {
      for (const grant of grants) {
        if (grant.granteeSubject === grantee && !grant.revokedAt) Object.assign(grant, { revokedAt: entry.at, revokedBySubject: entry.actorSubject });
      }
    }
  }
  return grants;
}

export function identityReadOf(entry: AuditEntry): IdentityReadView {
  const agency = entry.details['readerAgencyId'];
  return {
    alertId: entry.alertId ?? '',
    readerSubject: entry.actorSubject,
    readerAgencyId: typeof agency === 'string' ? agency : null,
    readerCountry: String(entry.details['readerCountry'] ?? ''),
    purpose: String(entry.details['purpose'] ?? ''),
    readAt: entry.at,
  };
}
