/**
 * A state joins CPX: a platform admin registers it, and from the commit on it is a valid
 * country for every directory write and filter (they read the country table) and, through
 * CountryRegistered, for the services that keep their own copy. No migration, no release.
 */
import { Injectable } from '@nestjs/common';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { DirectoryEvents } from '@cpx/contracts';
import { DomainError, recordEvent, type Principal } from '@cpx/platform';
import { normalizeText } from '@cpx/names';
import { DataSource } from 'typeorm';
import { resolveCaller } from '../access/resolve-caller';
import { assertMayRegisterCountries } from '../access/domain/directory-policy';
import type { RegisterCountryCommand } from './register-country.command';
import { countryMessage } from './country.mapper';
import { insertCountryOnce, type CountryRow } from './country.store';
import { contradictionOf } from './domain/country-registration';

@Injectable()
export class RegisterCountryUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(command: RegisterCountryCommand, principal: Principal): Promise<CountryRow> {
    return this.dataSource.transaction(async (manager) => {
      assertMayRegisterCountries(await resolveCaller(principal, manager));
      const country: CountryRow = {
        code: command.code,
        name: normalizeText(command.name),
        languages: [...new Set(command.languages)],
      };
      const { stored, inserted } = await insertCountryOnce(manager, country);
      if (!inserted) {
        const contradiction = contradictionOf(stored, country);
        if (contradiction) throw DomainError.conflict(contradiction.why, contradiction.field);
        return stored; // the same registration again: nothing changes, nothing is published
      }
      const now = new Date();
      await recordEvent(manager, {
        topic: DirectoryEvents.topic,
        event: DirectoryEvents.types.countryRegistered,
        aggregateId: country.code,
        subject: `countries/${country.code}`,
        data: { country: countryMessage(country), occurredAt: timestampFromDate(now), actorSubject: principal.subject },
        occurredAt: now,
      });
      return country;
    });
  }
}
