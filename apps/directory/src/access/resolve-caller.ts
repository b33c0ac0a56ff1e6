/**
 * Who is calling, read before every operation: the principal and the professional record
 * bound to their subject, judged by the pure rules of domain/caller.ts.
 */
import type { Principal } from '@cpx/platform';
import type { EntityManager } from 'typeorm';
import { professionalBySubject, type ProfessionalRow } from '../professionals/professional.store';
import { callerFrom, type Caller } from './domain/caller';

export async function resolveCaller(principal: Principal, manager: EntityManager): Promise<Caller<ProfessionalRow>> {
  const row = principal.subject ? await professionalBySubject(manager, principal.subject) : null;
  return callerFrom(principal, row);
}
