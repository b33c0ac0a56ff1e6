/**
 * "Whom do I contact in Serbia about an unaccompanied minor, right now?" The people on
 * duty for that country and kind (or every kind) at that instant, then the national
 * focal points, most specific first (contact-ranking.ts). Only verified professionals
 * are named. Alerts are routed with the same answer.
 */
import { Injectable } from '@nestjs/common';
import type { Principal } from '@cpx/platform';
import { DataSource, In } from 'typeorm';
import { resolveCaller } from '../access/caller';
import { assertMayReadPeople } from '../access/directory-policy';
import { assertKnownCountry } from '../countries/countries';
import { ProfessionalEntity } from '../professionals/professional.entity';
import { ANY_KIND } from './alert-kinds';
import { rankCandidates, type Candidate } from './contact-ranking';
import { FocalPointEntity, OnDutyShiftEntity } from './focal-point.entity';

@Injectable()
export class WhomToContactUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(query: { country: string; alertKind: string; at: Date }, principal: Principal): Promise<Candidate[]> {
    const manager = this.dataSource.manager;
    assertMayReadPeople(await resolveCaller(principal, manager));
    await assertKnownCountry(manager, query.country, 'country');
    const kinds = query.alertKind === ANY_KIND ? [ANY_KIND] : [query.alertKind, ANY_KIND];
    const shifts = await manager
      .createQueryBuilder(OnDutyShiftEntity, 'shift')
      .where('shift.country = :country', { country: query.country })
      .andWhere('shift.alert_kind IN (:...kinds)', { kinds })
      .andWhere('shift.starts_at <= :at AND shift.ends_at > :at', { at: query.at })
      .getMany();
    const focalPoints = await manager.find(FocalPointEntity, { where: { country: query.country, alertKind: In(kinds) } });
    const ids = [...new Set([...shifts.map((s) => s.professionalId), ...focalPoints.map((f) => f.professionalId)])];
    const people = ids.length
      ? await manager.find(ProfessionalEntity, { where: { id: In(ids), status: 'VERIFIED' }, relations: { agency: true } })
      : [];
    return rankCandidates({ alertKind: query.alertKind, shifts, focalPoints, people: new Map(people.map((person) => [person.id, person])) });
  }

  /** Every focal point named for a country (or for every country), all kinds. */
  async focalPoints(country: string | undefined, principal: Principal): Promise<FocalPointEntity[]> {
    const manager = this.dataSource.manager;
    assertMayReadPeople(await resolveCaller(principal, manager));
    if (country) await assertKnownCountry(manager, country, 'country');
    return manager.find(FocalPointEntity, {
      where: country ? { country } : {},
      order: { country: 'ASC', alertKind: 'ASC', createdAt: 'ASC' },
    });
  }
}

