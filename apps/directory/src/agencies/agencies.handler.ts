/** Kafka adapter for agency operations: decode, build the command, call one use case, encode. */
import { Controller } from '@nestjs/common';
import { DirectoryRequests } from '@cpx/contracts';
import { HandleRequest, type RequestContext } from '@cpx/platform';
import type { DirectoryRequest } from '../directory-request';
import { agencyMessage } from './agency.mapper';
import { GetAgencyCommand } from './get-agency.command';
import { GetAgencyUseCase } from './get-agency.usecase';
import { RegisterAgencyCommand } from './register-agency.command';
import { RegisterAgencyUseCase } from './register-agency.usecase';
import { SearchAgenciesCommand } from './search-agencies.command';
import { SearchAgenciesUseCase } from './search-agencies.usecase';
import { UpdateAgencyCommand } from './update-agency.command';
import { UpdateAgencyUseCase } from './update-agency.usecase';

@Controller()
export class AgenciesHandler {
  constructor(
    private readonly registerAgency: RegisterAgencyUseCase,
    private readonly updateAgency: UpdateAgencyUseCase,
    private readonly getAgency: GetAgencyUseCase,
    private readonly searchAgencies: SearchAgenciesUseCase,
  ) {}

  @HandleRequest(DirectoryRequests.registerAgency)
  async register(request: DirectoryRequest<'registerAgency'>, { principal }: RequestContext) {
    return { agency: agencyMessage(await this.registerAgency.execute(RegisterAgencyCommand.from(request), principal)) };
  }

  @HandleRequest(DirectoryRequests.updateAgency)
  async update(request: DirectoryRequest<'updateAgency'>, { principal }: RequestContext) {
    return { agency: agencyMessage(await this.updateAgency.execute(UpdateAgencyCommand.from(request), principal)) };
  }

  @HandleRequest(DirectoryRequests.getAgency)
  async get(request: DirectoryRequest<'getAgency'>, { principal }: RequestContext) {
    return { agency: agencyMessage(await this.getAgency.execute(GetAgencyCommand.from(request), principal)) };
  }

  @HandleRequest(DirectoryRequests.searchAgencies)
  async search(request: DirectoryRequest<'searchAgencies'>, { principal }: RequestContext) {
    const page = await this.searchAgencies.execute(SearchAgenciesCommand.from(request), principal);
    return { ...page, items: page.items.map(agencyMessage) };
  }
}
