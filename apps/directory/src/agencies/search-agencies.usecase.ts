/** A filtered, keyset-paginated search of agencies, in any script. */
import { Injectable } from '@nestjs/common';
import { decodeKeyCursor, encodeCursor, pageSize, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { assertMayReadAgencies } from '../access/domain/directory-policy';
import { resolveCaller } from '../access/resolve-caller';
import { assertKnownCountry } from '../countries/known-country';
import { assertSearchText, languageRange } from '../search/search-filters';
import type { Page } from '../search/page';
import type { SearchAgenciesCommand } from './search-agencies.command';
import { searchAgencies, type AgencyRow } from './agency.store';

@Injectable()
export class SearchAgenciesUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(command: SearchAgenciesCommand, principal: Principal): Promise<Page<AgencyRow>> {
    const manager = this.dataSource.manager;
    assertMayReadAgencies(await resolveCaller(principal, manager));
    // The filter is checked in the order it always was: size, text, country, language, cursor.
    const limit = pageSize(command.first);
    assertSearchText(command.text);
    if (command.country) await assertKnownCountry(manager, command.country, 'filter.country');
    const language = command.language ? languageRange(command.language) : undefined;
    const after = decodeKeyCursor(command.after ?? '', ['text', 'uuid']);
    const { rows, totalCount } = await searchAgencies(
      manager,
      { country: command.country, type: command.type, language, text: command.text },
      { after, take: limit + 1 },
    );
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items,
      endCursor: last ? encodeCursor([last.name, last.id]) : '',
      hasNextPage: rows.length > limit,
      totalCount,
    };
  }
}
