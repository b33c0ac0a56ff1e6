/** The states and territories CPX operates in. */
import { Query, Resolver } from '@nestjs/graphql';
import { DirectoryRequests } from '@cpx/contracts';
import type { Principal } from '@cpx/platform';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import { smallListComplexity } from '../../graphql/query-limits';
import { DirectoryClient } from '../directory.client';
import { toCountry } from '../mappers/country.mapper';
import { CountryObject } from '../types/country.type';

@Resolver(() => CountryObject)
export class CountryResolver {
  constructor(private readonly directory: DirectoryClient) {}

  @Query(() => [CountryObject], { complexity: smallListComplexity(20) })
  async countries(@CurrentPrincipal() principal: Principal): Promise<CountryObject[]> {
    const { countries } = await this.directory.send(DirectoryRequests.listCountries, {}, principal);
    return countries.map(toCountry);
  }
}
