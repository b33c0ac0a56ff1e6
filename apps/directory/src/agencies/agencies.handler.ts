/** Kafka adapter for agency operations: decode, validate, call one use case, encode. */
import { Controller } from '@nestjs/common';
import { AgencyType, DirectoryRequests } from '@cpx/contracts';
import { HandleRequest, validateInput, type RequestContext, requireId } from '@cpx/platform';
import type { MessageShape } from '@bufbuild/protobuf';
import { contactInputs } from '../contacts/contact.dto';
import { canonicalLanguageTags } from '../languages/language-tags';
import { RegisterAgencyInput, UpdateAgencyInput } from './agency.dto';
import { agencyMessage } from './agency.mapper';
import { FindAgenciesUseCase } from './find-agencies.usecase';
import { RegisterAgencyUseCase } from './register-agency.usecase';
import { UpdateAgencyUseCase } from './update-agency.usecase';

type Req<K extends keyof typeof DirectoryRequests> = MessageShape<(typeof DirectoryRequests)[K]['request']>;

@Controller()
export class AgenciesHandler {
  constructor(
    private readonly registerAgency: RegisterAgencyUseCase,
    private readonly updateAgency: UpdateAgencyUseCase,
    private readonly findAgencies: FindAgenciesUseCase,
  ) {}

  @HandleRequest(DirectoryRequests.registerAgency)
  async register(request: Req<'registerAgency'>, { principal }: RequestContext) {
    const input = validateInput(RegisterAgencyInput, {
      name: request.name,
      type: AgencyType[request.type],
      country: request.country,
      locality: request.locality,
      jurisdiction: request.jurisdiction,
      languages: canonicalLanguageTags(request.languages),
      contacts: contactInputs(request.contacts),
    });
    return { agency: agencyMessage(await this.registerAgency.execute(input, principal)) };
  }

  @HandleRequest(DirectoryRequests.updateAgency)
  async update(request: Req<'updateAgency'>, { principal }: RequestContext) {
    const id = requireId(request.id, 'id');
    const input = validateInput(UpdateAgencyInput, {
      name: request.name,
      type: request.type === undefined ? undefined : AgencyType[request.type],
      country: request.country,
      locality: request.locality,
      jurisdiction: request.jurisdiction,
      languages: canonicalLanguageTags(request.languages?.languages),
      contacts: request.contacts ? contactInputs(request.contacts.contacts) : undefined,
      expectedVersion: request.expectedVersion === undefined ? undefined : Number(request.expectedVersion),
    });
    return { agency: agencyMessage(await this.updateAgency.execute(id, input, principal)) };
  }

  @HandleRequest(DirectoryRequests.getAgency)
  async get(request: Req<'getAgency'>, { principal }: RequestContext) {
    return { agency: agencyMessage(await this.findAgencies.byId(requireId(request.id, 'id'), principal)) };
  }

  @HandleRequest(DirectoryRequests.searchAgencies)
  async search(request: Req<'searchAgencies'>, { principal }: RequestContext) {
    const filter = request.filter;
    const page = await this.findAgencies.search(
      {
        country: filter?.country || undefined,
        type: filter?.type ? AgencyType[filter.type] : undefined,
        language: filter?.language || undefined,
        text: filter?.text || undefined,
        first: request.page?.first || undefined,
        after: request.page?.after || undefined,
      },
      principal,
    );
    return { ...page, items: page.items.map(agencyMessage) };
  }
}
