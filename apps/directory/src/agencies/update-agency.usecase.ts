/** A platform admin changes an agency; AgencyUpdated carries its new state. */
import { Injectable } from '@nestjs/common';
import { DirectoryEvents } from '@cpx/contracts';
import { DomainError, recordEvent, type Principal } from '@cpx/platform';
import { normalizeText } from '@cpx/names';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { DataSource } from 'typeorm';
import { assertMayManageAgencies } from '../access/domain/directory-policy';
import { resolveCaller } from '../access/resolve-caller';
import { assertKnownCountry } from '../countries/known-country';
import { storedContacts } from '../contacts/domain/stored-contact';
import { agencySearchText } from '../search/domain/search-index';
import type { UpdateAgencyCommand } from './update-agency.command';
import { agencyMessage } from './agency.mapper';
import { agencyById, updateAgency, type AgencyRow } from './agency.store';

@Injectable()
export class UpdateAgencyUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(command: UpdateAgencyCommand, principal: Principal): Promise<AgencyRow> {
    const { id } = command;
    return this.dataSource.transaction(async (manager) => {
      assertMayManageAgencies(await resolveCaller(principal, manager));
      const agency = await agencyById(manager, id, { forUpdate: true });
      if (!agency) throw DomainError.notFound('Agency', id);
      if (command.expectedVersion !== undefined && command.expectedVersion !== agency.version) {
        throw DomainError.conflict(`The agency changed meanwhile (version ${agency.version}); reload and try again.`, 'expectedVersion');
      }
      if (command.country !== undefined) await assertKnownCountry(manager, command.country, 'input.country');
      if (command.name !== undefined) agency.name = normalizeText(command.name);
      if (command.type !== undefined) agency.type = command.type;
      if (command.country !== undefined) agency.country = command.country;
      if (command.locality !== undefined) agency.locality = normalizeText(command.locality);
      if (command.jurisdiction !== undefined) agency.jurisdiction = normalizeText(command.jurisdiction);
      if (command.languages !== undefined) agency.languages = [...new Set(command.languages)];
      if (command.contacts !== undefined) agency.contacts = storedContacts(command.contacts);
      agency.searchText = agencySearchText(agency);
      agency.updatedAt = new Date();
      agency.version += 1;
      await updateAgency(manager, agency);
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
