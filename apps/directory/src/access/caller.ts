/**
 * The caller as the directory sees it: the verified principal plus, when the caller is
 * a registered professional, their own record. Authorization decisions read this, never
 * the token alone: a suspended professional keeps a valid token until it expires, and
 * only the directory knows about the suspension.
 */
import { DomainError, type Principal } from '@cpx/platform';
import type { EntityManager } from 'typeorm';
import { ProfessionalEntity } from '../professionals/professional.entity';

export interface Caller {
  readonly principal: Principal;
  readonly professional: ProfessionalEntity | null;
}

export async function resolveCaller(principal: Principal, manager: EntityManager): Promise<Caller> {
  const professional = principal.subject
    ? await manager.findOne(ProfessionalEntity, { where: { subject: principal.subject } })
    : null;
  if (professional?.status === 'SUSPENDED') {
    throw DomainError.forbidden('Your account is suspended.');
  }
  return { principal, professional };
}
