/**
 * One professional, by id or subject. Everyone who may read people sees verified
 * professionals; invited and suspended ones are visible only to those who manage them
 * (their agency admin, a platform admin) and to themselves. Hidden records answer
 * NOT_FOUND, so their existence does not leak.
 */
import { Injectable } from '@nestjs/common';
import { DomainError, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { resolveCaller } from '../access/resolve-caller';
import { assertMayReadPeople, mayManageAnyoneIn } from '../access/domain/directory-policy';
import type { GetProfessionalCommand } from './get-professional.command';
import { professionalWithAgency, type ProfessionalWithAgency } from './professional.store';

@Injectable()
export class GetProfessionalUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(command: GetProfessionalCommand, principal: Principal): Promise<ProfessionalWithAgency> {
    const manager = this.dataSource.manager;
    const caller = await resolveCaller(principal, manager);
    const professional = await professionalWithAgency(manager, command.lookup);
    const own = professional && caller.professional?.id === professional.id;
    if (!own) assertMayReadPeople(caller);
    const visible = professional && (own || professional.status === 'VERIFIED' || mayManageAnyoneIn(caller, professional.agencyId));
    if (!professional || !visible) throw DomainError.notFound('Professional', 'id' in command.lookup ? command.lookup.id : command.lookup.subject);
    return professional;
  }
}
