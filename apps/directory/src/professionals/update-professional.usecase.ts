/** A professional keeps their own contact details up to date; their admin changes the rest. */
import { Injectable } from '@nestjs/common';
import { DomainError, type Principal } from '@cpx/platform';
import { normalizeText } from '@cpx/names';
import { DataSource } from 'typeorm';
import { resolveCaller } from '../access/resolve-caller';
import { assertMayManagePeopleOf } from '../access/domain/directory-policy';
import { storedContacts } from '../contacts/domain/stored-contact';
import { professionalSearchColumns } from '../search/domain/search-index';
import type { UpdateProfessionalCommand } from './update-professional.command';
import { recordProfessionalEvent } from './professional-events';
import { professionalWithAgency, updateProfessional, type ProfessionalWithAgency } from './professional.store';

/** Fields a professional may keep up to date on their own; the rest is their admin's. */
const SELF_SERVICE = new Set(['languages', 'expertise', 'contacts', 'expectedVersion']);

@Injectable()
export class UpdateProfessionalUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(command: UpdateProfessionalCommand, principal: Principal): Promise<ProfessionalWithAgency> {
    const { id, changes } = command;
    return this.dataSource.transaction(async (manager) => {
      const caller = await resolveCaller(principal, manager);
      const professional = await professionalWithAgency(manager, { id }, { forUpdate: true });
      if (!professional) throw DomainError.notFound('Professional', id);
      const changed = Object.entries(changes).filter(([, value]) => value !== undefined).map(([key]) => key);
      const selfService = caller.professional?.id === id && changed.every((key) => SELF_SERVICE.has(key));
      if (!selfService) assertMayManagePeopleOf(caller, professional.agencyId);
      if (changes.expectedVersion !== undefined && changes.expectedVersion !== professional.version) {
        throw DomainError.conflict(
          `The professional changed meanwhile (version ${professional.version}); reload and try again.`,
          'expectedVersion',
        );
      }
      if (changes.givenName !== undefined) professional.givenName = normalizeText(changes.givenName);
      if (changes.familyName !== undefined) professional.familyName = normalizeText(changes.familyName);
      if (changes.role !== undefined) professional.role = changes.role;
      if (changes.languages !== undefined) professional.languages = [...new Set(changes.languages)];
      if (changes.expertise !== undefined) professional.expertise = [...new Set(changes.expertise.map(normalizeText))];
      if (changes.contacts !== undefined) professional.contacts = storedContacts(changes.contacts);
      if (changes.subject !== undefined) professional.subject = changes.subject;
      Object.assign(professional, professionalSearchColumns(professional));
      professional.updatedAt = new Date();
      professional.version += 1;
      await updateProfessional(manager, professional);
      await recordProfessionalEvent(manager, 'professionalUpdated', professional, principal);
      return professional;
    });
  }
}
