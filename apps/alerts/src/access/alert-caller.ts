/**
 * The caller as the alerts service sees it: the signed principal, checked against the
 * service's replica of the directory. The replica, not the token, says whether the
 * professional is verified or suspended and which agency and country they belong to.
 */
import { DomainError, hasRole, type Principal } from '@cpx/platform';
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
  const professional = principal.subject
    ? await manager.findOne(ReplicaProfessional, { where: { subject: principal.subject } })
    : null;
  if (professional?.status === 'SUSPENDED') throw DomainError.forbidden('Your account is suspended.');
  const agency = professional ? await manager.findOneBy(ReplicaAgency, { id: professional.agencyId }) : null;
  return { principal, professional, agency };
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
