/** The states taking part in CPX, for every signed-in role (as agencies are). */
import { Injectable } from '@nestjs/common';
import type { Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { resolveCaller } from '../access/resolve-caller';
import { assertMayReadAgencies } from '../access/domain/directory-policy';
import { listCountries, type CountryRow } from './country.store';

@Injectable()
export class ListCountriesUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(principal: Principal): Promise<CountryRow[]> {
    const manager = this.dataSource.manager;
    assertMayReadAgencies(await resolveCaller(principal, manager));
    return listCountries(manager);
  }
}
