/**
 * Who may be named to receive alerts (as focal point or on duty): a verified professional,
 * named by their agency's admin for the agency's own country, or by a platform admin.
 * These are the people alerts about children are routed to. Shared by
 * assign-focal-point.usecase.ts and schedule-on-duty.usecase.ts, inside their transactions.
 */
import { DomainError, type Principal } from '@cpx/platform';
import type { EntityManager } from 'typeorm';
import { resolveCaller } from '../access/resolve-caller';
import { assertMayNameContactsFor } from '../access/domain/directory-policy';
import { assertKnownCountry } from '../countries/known-country';
import { professionalWithAgency, type ProfessionalWithAgency } from '../professionals/professional.store';

export async function nameableProfessional(
  manager: EntityManager,
  professionalId: string,
  country: string,
  principal: Principal,
): Promise<ProfessionalWithAgency> {
  const caller = await resolveCaller(principal, manager);
  await assertKnownCountry(manager, country, 'input.country');
  const professional = await professionalWithAgency(manager, { id: professionalId });
  if (!professional) throw DomainError.notFound('Professional', professionalId);
  assertMayNameContactsFor(caller, professional.agency, country);
  if (professional.status !== 'VERIFIED') {
    throw DomainError.conflict('Only a verified professional can be named to receive alerts.', 'input.professionalId');
  }
  return professional;
}
