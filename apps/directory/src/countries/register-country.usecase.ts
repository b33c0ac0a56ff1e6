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
import { DataSource, type EntityManager } from 'typeorm';
import { resolveCaller } from '../access/caller';
import { assertMayRegisterCountries } from '../access/directory-policy';
import type { RegisterCountryInput } from './country.dto';
import { CountryEntity } from './country.entity';
import { countryMessage } from './country.mapper';
import { contradictionOf } from './country-registration';

const INSERT_COUNTRY = `
  INSERT INTO country (code, name, languages) VALUES ($1, $2, $3)
  ON CONFLICT (code) DO NOTHING
  RETURNING code`;

@Injectable()
export class RegisterCountryUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(input: RegisterCountryInput, principal: Principal): Promise<CountryEntity> {
    return this.dataSource.transaction(async (manager) => {
      assertMayRegisterCountries(await resolveCaller(principal, manager));
      const country = Object.assign(new CountryEntity(), {
        code: input.code,
        name: normalizeText(input.name),
        languages: [...new Set(input.languages)],
      });
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

/**
 * Stores the country unless its code is taken, and gives back what is stored under it.
 * Two admins registering the same state at once: the second insert waits for the first
 * to commit and skips, then reads the first one's row (a check before a plain INSERT
 * could not see it, and the INSERT would fail on the primary key as an internal error).
 */
export async function insertCountryOnce(
  manager: EntityManager,
  country: CountryEntity,
): Promise<{ stored: CountryEntity; inserted: boolean }> {
  const rows: unknown[] = await manager.query(INSERT_COUNTRY, [country.code, country.name, country.languages]);
  if (rows.length > 0) return { stored: country, inserted: true };
  // Countries are never deleted: once the insert skipped, the row is there.
  return { stored: await manager.findOneByOrFail(CountryEntity, { code: country.code }), inserted: false };
}
