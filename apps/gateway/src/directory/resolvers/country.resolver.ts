/** The states and territories CPX operates in, and how one more joins. */
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DirectoryRequests } from '@cpx/contracts';
import type { Principal } from '@cpx/platform';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import { smallListComplexity } from '../../graphql/query-limits';
import { ServiceClient } from '../../messaging/service.client';
import { underInput } from '../../messaging/argument-paths';
import { RegisterCountryInput } from '../inputs/country.input';
import { registerCountryRequest, toCountry } from '../mappers/country.mapper';
import { required } from '../../graphql/proto-values';
import { CountryObject } from '../types/country.type';

@Resolver(() => CountryObject)
export class CountryResolver {
  constructor(private readonly directory: ServiceClient) {}

  @Query(() => [CountryObject], { complexity: smallListComplexity(20) })
  async countries(@CurrentPrincipal() principal: Principal): Promise<CountryObject[]> {
    const { countries } = await this.directory.send(DirectoryRequests.listCountries, {}, principal);
    return countries.map(toCountry);
  }

  @Mutation(() => CountryObject, {
    description:
      'Registers a state that joins CPX (platform admins): valid everywhere at once, no release. ' +
      'The same code, name and languages again answer the country unchanged; the same code with other data is CONFLICT.',
  })
  async registerCountry(@Args('input') input: RegisterCountryInput, @CurrentPrincipal() principal: Principal): Promise<CountryObject> {
    const { country } = await this.directory.send(DirectoryRequests.registerCountry, registerCountryRequest(input), principal, underInput());
    return toCountry(required(country, 'country'));
  }
}
