/**
 * Who is calling, as the alerts service sees it: the signed principal, checked against the
 * service's replica of the directory (domain/caller.ts says what a caller is).
 */
import { DomainError, type Principal } from '@cpx/platform';
import type { EntityManager } from 'typeorm';
import { callerRecordOf } from '../directory-replica/replica.store';
import type { AlertCaller } from './domain/caller';

export async function resolveAlertCaller(principal: Principal, manager: EntityManager): Promise<AlertCaller> {
  if (!principal.subject) return { principal, professional: null, agency: null };
  const record = await callerRecordOf(manager, principal.subject);
  // The record must be of the agency the identity provider vouches for: the subject on a
  // record is typed by an agency admin, who cannot prove whose it is, so a record of
  // another agency bound to this subject is not the caller's (the directory's caller.ts
  // holds the same rule). Ignoring it keeps such a record from locking its victim out.
  if (!record || record.professional.agencyId !== principal.agencyId) return { principal, professional: null, agency: null };
  if (record.professional.status === 'SUSPENDED') throw DomainError.forbidden('Your account is suspended.');
  return { principal, professional: record.professional, agency: record.agency };
}
