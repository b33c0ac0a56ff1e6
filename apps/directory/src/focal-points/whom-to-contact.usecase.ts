/**
 * "Whom do I contact in Serbia about an unaccompanied minor, right now?" The people on
 * duty for that country and kind (or every kind) at that instant, then the national
 * focal points, most specific first (domain/contact-ranking.ts). Only verified
 * professionals are named. Alerts are routed with the same answer.
 */
import { Injectable } from '@nestjs/common';
import type { Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { resolveCaller } from '../access/resolve-caller';
import { assertMayReadPeople } from '../access/domain/directory-policy';
import { assertKnownCountry } from '../countries/known-country';
import { verifiedProfessionalsWithAgency, type ProfessionalWithAgency } from '../professionals/professional.store';
import { ANY_KIND } from './alert-kinds';
import { rankCandidates, type Candidate } from './domain/contact-ranking';
import { focalPointsFor } from './focal-point.store';
import { shiftsRunningAt } from './on-duty-shift.store';
import type { WhomToContactCommand } from './whom-to-contact.command';

@Injectable()
export class WhomToContactUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(command: WhomToContactCommand, principal: Principal): Promise<Candidate<ProfessionalWithAgency>[]> {
    const manager = this.dataSource.manager;
    assertMayReadPeople(await resolveCaller(principal, manager));
    await assertKnownCountry(manager, command.country, 'country');
    const kinds = command.alertKind === ANY_KIND ? [ANY_KIND] : [command.alertKind, ANY_KIND];
    const shifts = await shiftsRunningAt(manager, command.country, kinds, command.at);
    const focalPoints = await focalPointsFor(manager, command.country, kinds);
    const ids = [...new Set([...shifts.map((s) => s.professionalId), ...focalPoints.map((f) => f.professionalId)])];
    const people = await verifiedProfessionalsWithAgency(manager, ids);
    return rankCandidates({ alertKind: command.alertKind, shifts, focalPoints, people: new Map(people.map((person) => [person.id, person])) });
  }
}
