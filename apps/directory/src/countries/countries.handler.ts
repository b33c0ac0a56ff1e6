/** Kafka adapter: the states taking part in CPX. */
import { Controller } from '@nestjs/common';
import { DirectoryRequests } from '@cpx/contracts';
import { HandleRequest, type RequestContext } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { resolveCaller } from '../access/caller';
import { assertMayReadAgencies } from '../access/directory-policy';
import { listCountries } from './countries';

@Controller()
export class CountriesHandler {
  constructor(private readonly dataSource: DataSource) {}

  @HandleRequest(DirectoryRequests.listCountries)
  async list(_request: unknown, { principal }: RequestContext) {
    const manager = this.dataSource.manager;
    assertMayReadAgencies(await resolveCaller(principal, manager));
    const countries = await listCountries(manager);
    return { countries: countries.map(({ code, name, languages }) => ({ code, name, languages })) };
  }
}
