/** Every focal point named for a country (or for every country), all kinds, for those who may read people. */
import { Injectable } from '@nestjs/common';
import type { Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { resolveCaller } from '../access/resolve-caller';
import { assertMayReadPeople } from '../access/domain/directory-policy';
import { assertKnownCountry } from '../countries/known-country';
import { listFocalPoints, type FocalPointRow } from './focal-point.store';
import type { ListFocalPointsCommand } from './list-focal-points.command';

@Injectable()
export class ListFocalPointsUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(command: ListFocalPointsCommand, principal: Principal): Promise<FocalPointRow[]> {
    const manager = this.dataSource.manager;
    assertMayReadPeople(await resolveCaller(principal, manager));
    if (command.country) await assertKnownCountry(manager, command.country, 'country');
    return listFocalPoints(manager, command.country);
  }
}
