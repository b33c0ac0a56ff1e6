/**
 * Reading professionals. Everyone who may read people sees verified professionals;
 * invited and suspended ones are visible only to those who manage them (their agency
 * admin, a platform admin) and to themselves. Hidden records answer NOT_FOUND, so their
 * existence does not leak.
 */
import { Injectable } from '@nestjs/common';
import { decodeKeyCursor, DomainError, encodeCursor, hasRole, pageSize, type Principal } from '@cpx/platform';
import { searchKey } from '@cpx/names';
import { Brackets, DataSource, type SelectQueryBuilder } from 'typeorm';
import { resolveCaller, type Caller } from '../access/caller';
import { assertMayReadPeople, mayManageAnyoneIn } from '../access/directory-policy';
import type { Page } from '../agencies/find-agencies.usecase';
import { assertKnownCountry } from '../countries/countries';
import { assertSearchText, whereSearchTextMatches, whereSpeaks } from '../search/search-filters';
import { byName } from '../search/name-collation';
import { ProfessionalEntity } from './professional.entity';

export interface ProfessionalSearch {
  country?: string;
  agencyId?: string;
  agencyType?: string;
  role?: string;
  language?: string;
  expertise?: string;
  text?: string;
  status?: string;
  first?: number;
  after?: string;
}

@Injectable()
export class FindProfessionalsUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async byId(lookup: { id?: string; subject?: string }, principal: Principal): Promise<ProfessionalEntity> {
    const manager = this.dataSource.manager;
    const caller = await resolveCaller(principal, manager);
    const where = lookup.id ? { id: lookup.id } : { subject: lookup.subject ?? '' };
    const professional = await manager.findOne(ProfessionalEntity, { where, relations: { agency: true } });
    const own = professional && caller.professional?.id === professional.id;
    if (!own) assertMayReadPeople(caller);
    const visible = professional && (own || professional.status === 'VERIFIED' || mayManageAnyoneIn(caller, professional.agencyId));
    if (!professional || !visible) throw DomainError.notFound('Professional', lookup.id ?? lookup.subject ?? '');
    return professional;
  }

  /**
   * The caller's own record, whatever its status but suspended (FORBIDDEN, as for every
   * operation), or null when they have none: who they are to the directory.
   */
  async callerRecord(principal: Principal): Promise<ProfessionalEntity | null> {
    const { professional } = await resolveCaller(principal, this.dataSource.manager);
    return professional;
  }

  async search(filter: ProfessionalSearch, principal: Principal): Promise<Page<ProfessionalEntity>> {
    const manager = this.dataSource.manager;
    const caller = await resolveCaller(principal, manager);
    assertMayReadPeople(caller);
    const limit = pageSize(filter.first);
    assertSearchText(filter.text);
    const query = manager
      .createQueryBuilder(ProfessionalEntity, 'professional')
      .innerJoinAndSelect('professional.agency', 'agency');
    restrictToVisible(query, caller);
    if (filter.country) {
      await assertKnownCountry(manager, filter.country, 'filter.country');
      query.andWhere('agency.country = :country', { country: filter.country });
    }
    if (filter.agencyId) query.andWhere('professional.agency_id = :agencyId', { agencyId: filter.agencyId });
    if (filter.agencyType) query.andWhere('agency.type = :agencyType', { agencyType: filter.agencyType });
    if (filter.role) query.andWhere('professional.role = :role', { role: filter.role });
    if (filter.status) query.andWhere('professional.status = :status', { status: filter.status });
    if (filter.language) whereSpeaks(query, 'professional.languages', filter.language);
    // One area of expertise as a whole, in any script or spelling (search/search-index.ts).
    if (filter.expertise) query.andWhere(':expertiseKey = ANY(professional.expertise_keys)', { expertiseKey: searchKey(filter.expertise) });
    if (filter.text) whereSearchTextMatches(query, 'professional.search_text', filter.text);
    const totalCount = await query.getCount();
    const after = decodeKeyCursor(filter.after ?? '', ['text', 'text', 'uuid']);
    if (after.length === 3) {
      query.andWhere(
        `(${byName('professional.family_name')}, ${byName('professional.given_name')}, professional.id) > (lower(:a0), lower(:a1), :a2)`,
        { a0: after[0], a1: after[1], a2: after[2] },
      );
    }
    const rows = await query
      .orderBy(byName('professional.family_name'), 'ASC')
      .addOrderBy(byName('professional.given_name'), 'ASC')
      .addOrderBy('professional.id', 'ASC')
      .limit(limit + 1)
      .getMany();
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

function restrictToVisible(query: SelectQueryBuilder<ProfessionalEntity>, caller: Caller): void {
  if (hasRole(caller.principal, 'platform_admin')) return;
  query.andWhere(
    new Brackets((visible) => {
      visible.where(`professional.status = 'VERIFIED'`);
      if (hasRole(caller.principal, 'agency_admin') && caller.principal.agencyId) {
        visible.orWhere('professional.agency_id = :ownAgency', { ownAgency: caller.principal.agencyId });
      }
    }),
  );
}
