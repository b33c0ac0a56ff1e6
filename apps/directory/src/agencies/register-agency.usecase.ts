/** A platform admin registers an agency; AgencyRegistered announces it. */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DirectoryEvents } from '@cpx/contracts';
import { recordEvent, type Principal } from '@cpx/platform';
import { normalizeText } from '@cpx/names';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { DataSource } from 'typeorm';
import { assertMayManageAgencies } from '../access/domain/directory-policy';
import { resolveCaller } from '../access/resolve-caller';
import { assertKnownCountry } from '../countries/known-country';
import { storedContacts } from '../contacts/domain/stored-contact';
import { agencySearchText } from '../search/domain/search-index';
import type { RegisterAgencyCommand } from './register-agency.command';
import { agencyMessage } from './agency.mapper';
import { insertAgency, type AgencyRow } from './agency.store';

@Injectable()
export class RegisterAgencyUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(command: RegisterAgencyCommand, principal: Principal): Promise<AgencyRow> {
    return this.dataSource.transaction(async (manager) => {
      assertMayManageAgencies(await resolveCaller(principal, manager));
      await assertKnownCountry(manager, command.country, 'input.country');
      const now = new Date();
      const fields = {
        name: normalizeText(command.name),
        locality: normalizeText(command.locality),
        jurisdiction: normalizeText(command.jurisdiction),
      };
      const agency: AgencyRow = {
        id: randomUUID(),
        ...fields,
        searchText: agencySearchText(fields),
        type: command.type,
        country: command.country,
        languages: [...new Set(command.languages)],
        contacts: storedContacts(command.contacts),
        createdAt: now,
        updatedAt: now,
        version: 1,
      };
      await insertAgency(manager, agency);
      await recordEvent(manager, {
        topic: DirectoryEvents.topic,
        event: DirectoryEvents.types.agencyRegistered,
        aggregateId: agency.id,
        subject: `agencies/${agency.id}`,
        data: { agency: agencyMessage(agency), occurredAt: timestampFromDate(now), actorSubject: principal.subject },
        occurredAt: now,
      });
      return agency;
    });
  }
}
