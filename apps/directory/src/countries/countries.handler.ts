/** Kafka adapter: the states taking part in CPX. */
import { Controller } from '@nestjs/common';
import { DirectoryRequests } from '@cpx/contracts';
import { HandleRequest, type RequestContext } from '@cpx/platform';
import type { DirectoryRequest } from '../directory-request';
import { countryMessage } from './country.mapper';
import { ListCountriesUseCase } from './list-countries.usecase';
import { RegisterCountryCommand } from './register-country.command';
import { RegisterCountryUseCase } from './register-country.usecase';

@Controller()
export class CountriesHandler {
  constructor(
    private readonly listCountries: ListCountriesUseCase,
    private readonly registerCountry: RegisterCountryUseCase,
  ) {}

  @HandleRequest(DirectoryRequests.listCountries)
  async list(_request: DirectoryRequest<'listCountries'>, { principal }: RequestContext) {
    const countries = await this.listCountries.execute(principal);
    return { countries: countries.map(countryMessage) };
  }

  @HandleRequest(DirectoryRequests.registerCountry)
  async register(request: DirectoryRequest<'registerCountry'>, { principal }: RequestContext) {
    return { country: countryMessage(await this.registerCountry.execute(RegisterCountryCommand.from(request), principal)) };
  }
}
