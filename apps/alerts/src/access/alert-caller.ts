/**
 * The caller as the alerts service sees it: the signed principal, checked against the
 * service's replica of the directory. The replica, not the token, says whether the
 * professional is verified or suspended and which agency and country they belong to.
 */
import { DomainError, hasRole, queryPrepared, type Principal } from '@cpx/platform';
import type { EntityManager } from 'typeorm';
import { ReplicaAgency, ReplicaProfessional } from '../directory-replica/replica.entities';

export interface AlertCaller {
  readonly principal: Principal;
  /** The caller's directory record, when the caller is a registered professional. */
  readonly professional: ReplicaProfessional | null;
  /** The caller's agency as the directory has it (not as the token claims). */
  readonly agency: ReplicaAgency | null;
}

export async function resolveAlertCaller(principal: Principal, manager: EntityManager): Promise<AlertCaller> {
  if (!principal.subject) return { principal, professional: null, agency: null };
  // One round trip, in plain SQL: it runs before every operation on alerts.
  const rows = await queryPrepared<CallerRow>(
    manager,
    `SELECT p.id, p.agency_id, p.subject, p.status, p.source_version,
            a.id AS agency_row_id, a.country AS agency_country, a.type AS agency_type, a.source_version AS agency_source_version
     FROM replica_professional p LEFT JOIN replica_agency a ON a.id = p.agency_id
     WHERE p.subject = $1 LIMIT 1`,
    [principal.subject],
  );
  const row = rows[0];
  // The record must be of the agency the identity provider vouches for: the subject on a
  // record is typed by an agency admin, who cannot prove whose it is, so a record of
  // another agency bound to this subject is not the caller's (the directory's caller.ts
  // holds the same rule). Ignoring it keeps such a record from locking its victim out.
  if (!row || row.agency_id !== principal.agencyId) return { principal, professional: null, agency: null };
  if (row.status === 'SUSPENDED') throw DomainError.forbidden('Your account is suspended.');
  const professional = Object.assign(new ReplicaProfessional(), {
    id: row.id,
    agencyId: row.agency_id,
    subject: row.subject,
    status: row.status,
    sourceVersion: Number(row.source_version),
  });
  const agency = row.agency_row_id
    ? Object.assign(new ReplicaAgency(), { id: row.agency_row_id, country: row.agency_country!, type: row.agency_type!, sourceVersion: Number(row.agency_source_version) })
    : null;
  return { principal, professional, agency };
}

interface CallerRow {
  id: string;
  agency_id: string;
  subject: string | null;
  status: string;
  source_version: string;
  agency_row_id: string | null;
  agency_country: string | null;
  agency_type: string | null;
  agency_source_version: string | null;
}

/** A verified professional of a known agency: the only kind of user who acts on alerts. */
export function isActingProfessional(caller: AlertCaller): caller is AlertCaller & { professional: ReplicaProfessional; agency: ReplicaAgency } {
  return (
    !!caller.professional &&
    caller.professional.status === 'VERIFIED' &&
    !!caller.agency &&
    hasRole(caller.principal, 'professional', 'agency_admin')
  );
}
