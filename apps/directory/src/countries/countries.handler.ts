/** Kafka adapter: the states taking part in CPX. */
import { Controller } from '@nestjs/common';
import { DirectoryRequests } from '@cpx/contracts';
import { HandleRequest, validateInput, type RequestContext } from '@cpx/platform';
import type { MessageShape } from '@bufbuild/protobuf';
import { DataSource } from 'typeorm';
import { resolveCaller } from '../access/caller';
import { assertMayReadAgencies } from '../access/directory-policy';
import { canonicalLanguageTags } from '../languages/language-tags';
import { listCountries } from './countries';
import { RegisterCountryInput } from './country.dto';
import { countryMessage } from './country.mapper';
import { RegisterCountryUseCase } from './register-country.usecase';

type Req<K extends keyof typeof DirectoryRequests> = MessageShape<(typeof DirectoryRequests)[K]['request']>;

@Controller()
export class CountriesHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registerCountry: RegisterCountryUseCase,
  ) {}

  @HandleRequest(DirectoryRequests.listCountries)
  async list(_request: unknown, { principal }: RequestContext) {
    const manager = this.dataSource.manager;
    assertMayReadAgencies(await resolveCaller(principal, manager));
    const countries = await listCountries(manager);
    return { countries: countries.map(countryMessage) };
  }

  @HandleRequest(DirectoryRequests.registerCountry)
  async register(request: Req<'registerCountry'>, { principal }: RequestContext) {
    const input = validateInput(RegisterCountryInput, {
      code: request.code,
      name: request.name,
      languages: canonicalLanguageTags(request.languages),
    });
    return { country: countryMessage(await this.registerCountry.execute(input, principal)) };
  }
}
