import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError, type Principal } from '@cpx/platform';
import { normalizeText } from '@cpx/names';
import { DataSource, QueryFailedError } from 'typeorm';
import { resolveCaller } from '../access/caller';
import { assertMayManagePeopleOf } from '../access/directory-policy';
import { AgencyEntity } from '../agencies/agency.entity';
import { storedContacts } from '../contacts/contact.dto';
import { professionalSearchColumns } from '../search/search-index';
import type { RegisterProfessionalInput } from './professional.dto';
import { ProfessionalEntity } from './professional.entity';
import { recordProfessionalEvent } from './professional-events';

/** An agency admin invites one of their people; they start INVITED until verified. */
@Injectable()
export class RegisterProfessionalUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(agencyId: string, input: RegisterProfessionalInput, principal: Principal): Promise<ProfessionalEntity> {
    return this.dataSource.transaction(async (manager) => {
      assertMayManagePeopleOf(await resolveCaller(principal, manager), agencyId);
      const agency = await manager.findOneBy(AgencyEntity, { id: agencyId });
      if (!agency) throw DomainError.notFound('Agency', agencyId);
      const now = new Date();
      const professional = manager.create(ProfessionalEntity, {
        id: randomUUID(),
        agencyId,
        givenName: normalizeText(input.givenName),
        familyName: normalizeText(input.familyName),
        role: input.role,
        languages: [...new Set(input.languages)],
        expertise: [...new Set(input.expertise.map(normalizeText))],
        contacts: storedContacts(input.contacts),
        status: 'INVITED',
        subject: input.subject ?? null,
        suspensionReason: '',
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      Object.assign(professional, professionalSearchColumns(professional));
      try {
        await manager.insert(ProfessionalEntity, professional);
      } catch (error) {
        throw duplicateSubject(error) ?? error;
      }
      professional.agency = agency;
      await recordProfessionalEvent(manager, 'professionalRegistered', professional, principal);
      return professional;
    });
  }
}

export function duplicateSubject(error: unknown): DomainError | undefined {
  if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
    return DomainError.conflict('Another professional already signs in with this subject.', 'input.subject');
  }
  return undefined;
}
