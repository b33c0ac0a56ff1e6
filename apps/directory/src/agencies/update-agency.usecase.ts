import { Injectable } from '@nestjs/common';
import { DirectoryEvents } from '@cpx/contracts';
import { DomainError, recordEvent, type Principal } from '@cpx/platform';
import { normalizeText } from '@cpx/names';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { DataSource } from 'typeorm';
import { assertMayManageAgencies } from '../access/directory-policy';
import { resolveCaller } from '../access/caller';
import { assertKnownCountry } from '../countries/countries';
import { storedContacts } from '../contacts/contact.dto';
import { agencySearchText } from '../search/search-index';
import { AgencyEntity } from './agency.entity';
import type { UpdateAgencyInput } from './agency.dto';
import { agencyMessage } from './agency.mapper';
import { duplicateAgency } from './register-agency.usecase';

@Injectable()
export class UpdateAgencyUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(id: string, input: UpdateAgencyInput, principal: Principal): Promise<AgencyEntity> {
    return this.dataSource.transaction(async (manager) => {
      assertMayManageAgencies(await resolveCaller(principal, manager));
      const agency = await manager.findOne(AgencyEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!agency) throw DomainError.notFound('Agency', id);
      if (input.expectedVersion !== undefined && input.expectedVersion !== agency.version) {
        throw DomainError.conflict(`The agency changed meanwhile (version ${agency.version}); reload and try again.`, 'expectedVersion');
      }
      if (input.country !== undefined) await assertKnownCountry(manager, input.country, 'input.country');
      if (input.name !== undefined) agency.name = normalizeText(input.name);
      if (input.type !== undefined) agency.type = input.type;
      if (input.country !== undefined) agency.country = input.country;
      if (input.locality !== undefined) agency.locality = normalizeText(input.locality);
      if (input.jurisdiction !== undefined) agency.jurisdiction = normalizeText(input.jurisdiction);
      if (input.languages !== undefined) agency.languages = [...new Set(input.languages)];
      if (input.contacts !== undefined) agency.contacts = storedContacts(input.contacts);
      agency.searchText = agencySearchText(agency);
      agency.updatedAt = new Date();
      agency.version += 1;
      try {
        await manager.save(AgencyEntity, agency);
      } catch (error) {
        throw duplicateAgency(error) ?? error;
      }
      await recordEvent(manager, {
        topic: DirectoryEvents.topic,
        event: DirectoryEvents.types.agencyUpdated,
        aggregateId: agency.id,
        subject: `agencies/${agency.id}`,
        data: { agency: agencyMessage(agency), occurredAt: timestampFromDate(agency.updatedAt), actorSubject: principal.subject },
        occurredAt: agency.updatedAt,
      });
      return agency;
    });
  }
}
