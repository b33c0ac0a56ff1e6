/** Reading agencies: one by id, or a filtered, keyset-paginated search in any script. */
import { Injectable } from '@nestjs/common';
import { decodeKeyCursor, DomainError, encodeCursor, pageSize, queryPrepared, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { assertMayReadAgencies } from '../access/directory-policy';
import { callerFrom, resolveCaller } from '../access/caller';
import { PROFESSIONAL_COLUMNS, type ProfessionalRow } from '../professionals/professional-row';
import { prefixedColumns, unprefixed } from '../database/prefixed-columns';
import { assertKnownCountry } from '../countries/countries';
import { assertSearchText, whereSearchTextMatches, whereSpeaks } from '../search/search-filters';
import { byName } from '../search/name-collation';
import { AgencyEntity } from './agency.entity';
import { AGENCY_COLUMNS, agencyFromRow, type AgencyRow } from './agency-row';

export interface AgencySearch {
  country?: string;
  type?: string;
  language?: string;
  text?: string;
  first?: number;
  after?: string;
}

export interface Page<T> {
  items: T[];
  endCursor: string;
  hasNextPage: boolean;
  totalCount: number;
}

const AGENCY_WITH_CALLER = `
  SELECT ${prefixedColumns('caller', PROFESSIONAL_COLUMNS)}, ${prefixedColumns('agency', AGENCY_COLUMNS)}
    FROM (SELECT 1) AS one
    LEFT JOIN professional AS caller ON caller.subject = $1
    LEFT JOIN agency ON agency.id = $2`;

@Injectable()
export class FindAgenciesUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async byId(id: string, principal: Principal): Promise<AgencyEntity> {
    // The caller and the row in one statement, one round trip on one connection: this is
    // the directory's most frequent read, and on a small machine each extra round trip to
    // Postgres costs more CPU (socket writes, wake-ups) than the query itself. The caller
    // is still judged first: a refused caller learns nothing, not even whether the agency
    // exists. `subject` is unique, so the row is one row whatever matches.
    const [row] = await queryPrepared<Record<string, unknown>>(this.dataSource.manager, AGENCY_WITH_CALLER, [principal.subject || null, id]);
    const callerRow = unprefixed<ProfessionalRow>(row, 'caller');
    assertMayReadAgencies(callerFrom(principal, callerRow));
    const agencyRow = unprefixed<AgencyRow>(row, 'agency');
    if (!agencyRow) throw DomainError.notFound('Agency', id);
    return agencyFromRow(agencyRow);
  }

  async search(filter: AgencySearch, principal: Principal): Promise<Page<AgencyEntity>> {
    const manager = this.dataSource.manager;
    assertMayReadAgencies(await resolveCaller(principal, manager));
    const limit = pageSize(filter.first);
    assertSearchText(filter.text);
    const query = manager.createQueryBuilder(AgencyEntity, 'agency');
    if (filter.country) {
      await assertKnownCountry(manager, filter.country, 'filter.country');
      query.andWhere('agency.country = :country', { country: filter.country });
    }
    if (filter.type) query.andWhere('agency.type = :type', { type: filter.type });
    if (filter.language) whereSpeaks(query, 'agency.languages', filter.language);
    if (filter.text) whereSearchTextMatches(query, 'agency.search_text', filter.text);
    const totalCount = await query.getCount();
    const after = decodeKeyCursor(filter.after ?? '', ['text', 'uuid']);
    if (after.length === 2) {
      query.andWhere(`(${byName('agency.name')}, agency.id) > (lower(:afterName), :afterId)`, { afterName: after[0], afterId: after[1] });
    }
    const rows = await query.orderBy(byName('agency.name'), 'ASC').addOrderBy('agency.id', 'ASC').limit(limit + 1).getMany();
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
