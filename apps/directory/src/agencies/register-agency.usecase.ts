import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DirectoryEvents } from '@cpx/contracts';
import { DomainError, recordEvent, type Principal } from '@cpx/platform';
import { normalizeText } from '@cpx/names';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { DataSource, QueryFailedError } from 'typeorm';
import { assertMayManageAgencies } from '../access/directory-policy';
import { resolveCaller } from '../access/caller';
import { assertKnownCountry } from '../countries/countries';
import { storedContacts } from '../contacts/contact.dto';
import { agencySearchText } from '../search/search-index';
import { AgencyEntity } from './agency.entity';
import type { RegisterAgencyInput } from './agency.dto';
import { agencyMessage } from './agency.mapper';

@Injectable()
export class RegisterAgencyUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(input: RegisterAgencyInput, principal: Principal): Promise<AgencyEntity> {
    return this.dataSource.transaction(async (manager) => {
      assertMayManageAgencies(await resolveCaller(principal, manager));
      await assertKnownCountry(manager, input.country, 'input.country');
      const now = new Date();
      const name = normalizeText(input.name);
      const agency = manager.create(AgencyEntity, {
        id: randomUUID(),
        name,
        type: input.type,
        country: input.country,
        locality: normalizeText(input.locality),
        jurisdiction: normalizeText(input.jurisdiction),
        languages: [...new Set(input.languages)],
        contacts: storedContacts(input.contacts),
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      agency.searchText = agencySearchText(agency);
      try {
        await manager.insert(AgencyEntity, agency);
      } catch (error) {
        throw duplicateAgency(error) ?? error;
      }
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

export function duplicateAgency(error: unknown): DomainError | undefined {
  if (error instanceof QueryFailedError && (error.driverError as { constraint?: string }).constraint === 'agency_country_name') {
    return DomainError.conflict('An agency with this name is already registered in this country.', 'input.name');
  }
  return undefined;
}
