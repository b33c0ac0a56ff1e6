/**
 * Verify, suspend or reinstate a professional: their agency admin's call, or a platform
 * admin's. The body the three use cases (verify-, suspend-, reinstate-professional)
 * share, run inside the transaction each opens; the lifecycle itself is pure
 * (domain/professional-status.ts).
 */
import { assertUnreachable, DomainError, type Principal } from '@cpx/platform';
import { normalizeText } from '@cpx/names';
import type { EntityManager } from 'typeorm';
import { resolveCaller } from '../access/resolve-caller';
import { assertMayManagePeopleOf } from '../access/domain/directory-policy';
import { transition, type ProfessionalStatus, type StatusChange } from './domain/professional-status';
import { recordProfessionalEvent } from './professional-events';
import { professionalWithAgency, updateProfessional, type ProfessionalWithAgency } from './professional.store';

const EVENTS = { verify: 'professionalVerified', suspend: 'professionalSuspended', reinstate: 'professionalReinstated' } as const;

export async function changeProfessionalStatus(
  manager: EntityManager,
  change: StatusChange,
  request: { id: string; reason?: string; expectedVersion?: number },
  principal: Principal,
): Promise<ProfessionalWithAgency> {
  const { id } = request;
  const caller = await resolveCaller(principal, manager);
  const professional = await professionalWithAgency(manager, { id }, { forUpdate: true });
  if (!professional) throw DomainError.notFound('Professional', id);
  assertMayManagePeopleOf(caller, professional.agencyId);
  if (change === 'suspend' && caller.professional?.id === id) {
    throw DomainError.forbidden('You cannot suspend yourself.');
  }
  if (request.expectedVersion !== undefined && request.expectedVersion !== professional.version) {
    throw DomainError.conflict(`The professional changed meanwhile (version ${professional.version}); reload and try again.`, 'expectedVersion');
  }
  const next = transition(professional.status as ProfessionalStatus, change);
  switch (next.kind) {
    case 'unchanged':
      return professional;
    case 'refused':
      throw DomainError.conflict(next.why);
    case 'change':
      break;
    default:
      assertUnreachable(next);
  }
  professional.status = next.to;
  professional.suspensionReason = change === 'suspend' ? normalizeText(request.reason ?? '') : '';
  professional.updatedAt = new Date();
  professional.version += 1;
  await updateProfessional(manager, professional);
  await recordProfessionalEvent(manager, EVENTS[change], professional, principal);
  return professional;
}
