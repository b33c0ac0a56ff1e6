/** An agency admin invites one of their people; they start INVITED until verified. */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError, type Principal } from '@cpx/platform';
import { normalizeText } from '@cpx/names';
import { DataSource } from 'typeorm';
import { resolveCaller } from '../access/resolve-caller';
import { assertMayManagePeopleOf } from '../access/domain/directory-policy';
import { agencyById } from '../agencies/agency.store';
import { storedContacts } from '../contacts/domain/stored-contact';
import { professionalSearchColumns } from '../search/domain/search-index';
import type { RegisterProfessionalCommand } from './register-professional.command';
import { recordProfessionalEvent } from './professional-events';
import { insertProfessional, type ProfessionalWithAgency } from './professional.store';

@Injectable()
export class RegisterProfessionalUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(command: RegisterProfessionalCommand, principal: Principal): Promise<ProfessionalWithAgency> {
    const { agencyId } = command;
    return this.dataSource.transaction(async (manager) => {
      assertMayManagePeopleOf(await resolveCaller(principal, manager), agencyId);
      const agency = await agencyById(manager, agencyId);
      if (!agency) throw DomainError.notFound('Agency', agencyId);
      const now = new Date();
      const names = { givenName: normalizeText(command.givenName), familyName: normalizeText(command.familyName) };
      const expertise = [...new Set(command.expertise.map(normalizeText))];
      const professional: ProfessionalWithAgency = {
        id: randomUUID(),
        agencyId,
        ...names,
        ...professionalSearchColumns({ ...names, expertise }),
        role: command.role,
        languages: [...new Set(command.languages)],
        expertise,
        contacts: storedContacts(command.contacts),
        status: 'INVITED',
        subject: command.subject ?? null,
        suspensionReason: '',
        createdAt: now,
        updatedAt: now,
        version: 1,
        agency: { id: agency.id, name: agency.name, type: agency.type, country: agency.country },
      };
      await insertProfessional(manager, professional);
      await recordProfessionalEvent(manager, 'professionalRegistered', professional, principal);
      return professional;
    });
  }
}
