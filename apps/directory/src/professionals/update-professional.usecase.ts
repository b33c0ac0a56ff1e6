import { Injectable } from '@nestjs/common';
import { DomainError, type Principal } from '@cpx/platform';
import { normalizeText } from '@cpx/names';
import { DataSource } from 'typeorm';
import { resolveCaller } from '../access/caller';
import { assertMayManagePeopleOf } from '../access/directory-policy';
import { storedContacts } from '../contacts/contact.dto';
import type { UpdateProfessionalInput } from './professional.dto';
import { ProfessionalEntity } from './professional.entity';
import { recordProfessionalEvent } from './professional-events';
import { professionalSearchColumns } from '../search/search-index';
import { duplicateSubject } from './register-professional.usecase';

/** Fields a professional may keep up to date on their own; the rest is their admin's. */
const SELF_SERVICE = new Set(['languages', 'expertise', 'contacts', 'expectedVersion']);

@Injectable()
export class UpdateProfessionalUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(id: string, input: UpdateProfessionalInput, principal: Principal): Promise<ProfessionalEntity> {
    return this.dataSource.transaction(async (manager) => {
      const caller = await resolveCaller(principal, manager);
      const professional = await manager.findOne(ProfessionalEntity, {
        where: { id },
        relations: { agency: true },
        lock: { mode: 'pessimistic_write', tables: ['professional'] },
      });
      if (!professional) throw DomainError.notFound('Professional', id);
      const changed = Object.entries(input).filter(([, value]) => value !== undefined).map(([key]) => key);
      const selfService = caller.professional?.id === id && changed.every((key) => SELF_SERVICE.has(key));
      if (!selfService) assertMayManagePeopleOf(caller, professional.agencyId);
      if (input.expectedVersion !== undefined && input.expectedVersion !== professional.version) {
        throw DomainError.conflict(
          `The professional changed meanwhile (version ${professional.version}); reload and try again.`,
          'expectedVersion',
        );
      }
      if (input.givenName !== undefined) professional.givenName = normalizeText(input.givenName);
      if (input.familyName !== undefined) professional.familyName = normalizeText(input.familyName);
      if (input.role !== undefined) professional.role = input.role;
      if (input.languages !== undefined) professional.languages = [...new Set(input.languages)];
      if (input.expertise !== undefined) professional.expertise = [...new Set(input.expertise.map(normalizeText))];
      if (input.contacts !== undefined) professional.contacts = storedContacts(input.contacts);
      if (input.subject !== undefined) professional.subject = input.subject;
      Object.assign(professional, professionalSearchColumns(professional));
      professional.updatedAt = new Date();
      professional.version += 1;
      try {
        await manager.save(ProfessionalEntity, professional);
      } catch (error) {
        throw duplicateSubject(error) ?? error;
      }
      await recordProfessionalEvent(manager, 'professionalUpdated', professional, principal);
      return professional;
    });
  }
}
