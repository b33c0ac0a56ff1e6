/** Grants and identity reads to protobuf. */
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { IdentityGrantView, IdentityReadView } from './domain/identity-history';

export function identityReadMessage(read: IdentityReadView) {
  return {
    alertId: read.alertId,
    readerSubject: read.readerSubject,
    readerAgencyId: read.readerAgencyId ?? '',
    readerCountry: read.readerCountry,
    purpose: read.purpose,
    readAt: timestampFromDate(read.readAt),
  };
}

export function identityGrantMessage(grant: IdentityGrantView) {
  return {
    alertId: grant.alertId,
    granteeSubject: grant.granteeSubject,
    grantedBySubject: grant.grantedBySubject,
    reason: grant.reason,
    grantedAt: timestampFromDate(grant.grantedAt),
    revokedAt: grant.revokedAt ? timestampFromDate(grant.revokedAt) : undefined,
    revokedBySubject: grant.revokedBySubject ?? '',
  };
}
