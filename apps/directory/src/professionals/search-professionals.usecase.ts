/**
 * A filtered, keyset-paginated search of professionals, in any script. Everyone who may
 * read people sees verified professionals; invited and suspended ones only those who
 * manage them (their agency admin, a platform admin).
 */
import { Injectable } from '@nestjs/common';
import { decodeKeyCursor, encodeCursor, hasRole, pageSize, type Principal } from '@cpx/platform';
import { searchKey } from '@cpx/names';
import { DataSource } from 'typeorm';
import type { Caller } from '../access/domain/caller';
import { resolveCaller } from '../access/resolve-caller';
import { assertMayReadPeople } from '../access/domain/directory-policy';
import { assertKnownCountry } from '../countries/known-country';
import { assertSearchText, languageRange } from '../search/search-filters';
import type { Page } from '../search/page';
import type { SearchProfessionalsCommand } from './search-professionals.command';
import { searchProfessionals, type ProfessionalFilter, type ProfessionalWithAgency } from './professional.store';

@Injectable()
export class SearchProfessionalsUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(command: SearchProfessionalsCommand, principal: Principal): Promise<Page<ProfessionalWithAgency>> {
    const manager = this.dataSource.manager;
    const caller = await resolveCaller(principal, manager);
    assertMayReadPeople(caller);
    // The filter is checked in the order it always was: size, text, country, language, cursor.
    const limit = pageSize(command.first);
    assertSearchText(command.text);
    if (command.country) await assertKnownCountry(manager, command.country, 'filter.country');
    const language = command.language ? languageRange(command.language) : undefined;
    const after = decodeKeyCursor(command.after ?? '', ['text', 'text', 'uuid']);
    const { rows, totalCount } = await searchProfessionals(
      manager,
      {
        visibility: visibilityFor(caller),
        country: command.country,
        agencyId: command.agencyId,
        agencyType: command.agencyType,
        role: command.role,
        status: command.status,
        language,
        expertiseKey: command.expertise ? searchKey(command.expertise) : undefined,
        text: command.text,
      },
      { after, take: limit + 1 },
    );
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items,
      endCursor: last ? encodeCursor([last.familyName, last.givenName, last.id]) : '',
      hasNextPage: rows.length > limit,
      totalCount,
    };
  }
}

/** Platform admins see everyone; others verified people, and an agency admin their own agency's too. */
function visibilityFor(caller: Caller): ProfessionalFilter['visibility'] {
  if (hasRole(caller.principal, 'platform_admin')) return { everyone: true };
  const ownAgency = hasRole(caller.principal, 'agency_admin') ? caller.principal.agencyId || undefined : undefined;
  return { everyone: false, ownAgency };
}
