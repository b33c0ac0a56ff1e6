/** Kafka adapter for professional operations: decode, validate, call one use case, encode. */
import { Controller } from '@nestjs/common';
import { AgencyType, DirectoryRequests, ProfessionalRole, VerificationStatus } from '@cpx/contracts';
import { DomainError, HandleRequest, validateInput, type RequestContext, requireId } from '@cpx/platform';
import type { MessageShape } from '@bufbuild/protobuf';
import { contactInputs } from '../contacts/contact.dto';
import { canonicalLanguageTags } from '../languages/language-tags';
import { ChangeProfessionalStatusUseCase } from './change-professional-status.usecase';
import { FindProfessionalsUseCase } from './find-professionals.usecase';
import { RegisterProfessionalInput, SuspensionInput, UpdateProfessionalInput } from './professional.dto';
import { professionalReply } from './professional.mapper';
import { RegisterProfessionalUseCase } from './register-professional.usecase';
import { UpdateProfessionalUseCase } from './update-professional.usecase';

type Req<K extends keyof typeof DirectoryRequests> = MessageShape<(typeof DirectoryRequests)[K]['request']>;

const version = (value: bigint | undefined): number | undefined => (value === undefined ? undefined : Number(value));

@Controller()
export class ProfessionalsHandler {
  constructor(
    private readonly registerProfessional: RegisterProfessionalUseCase,
    private readonly updateProfessional: UpdateProfessionalUseCase,
    private readonly changeStatus: ChangeProfessionalStatusUseCase,
    private readonly findProfessionals: FindProfessionalsUseCase,
  ) {}

  @HandleRequest(DirectoryRequests.registerProfessional)
  async register(request: Req<'registerProfessional'>, { principal }: RequestContext) {
    const agencyId = requireId(request.agencyId, 'input.agencyId');
    const input = validateInput(RegisterProfessionalInput, {
      givenName: request.givenName,
      familyName: request.familyName,
      role: ProfessionalRole[request.role],
      languages: canonicalLanguageTags(request.languages),
      expertise: request.expertise,
      contacts: contactInputs(request.contacts),
      subject: request.subject,
    });
    return { professional: professionalReply(await this.registerProfessional.execute(agencyId, input, principal), principal) };
  }

  @HandleRequest(DirectoryRequests.updateProfessional)
  async update(request: Req<'updateProfessional'>, { principal }: RequestContext) {
    const id = requireId(request.id, 'id');
    const input = validateInput(UpdateProfessionalInput, {
      givenName: request.givenName,
      familyName: request.familyName,
      role: request.role === undefined ? undefined : ProfessionalRole[request.role],
      languages: canonicalLanguageTags(request.languages?.languages),
      expertise: request.expertise?.expertise,
      contacts: request.contacts ? contactInputs(request.contacts.contacts) : undefined,
      subject: request.subject,
      expectedVersion: version(request.expectedVersion),
    });
    return { professional: professionalReply(await this.updateProfessional.execute(id, input, principal), principal) };
  }

  @HandleRequest(DirectoryRequests.getProfessional)
  async get(request: Req<'getProfessional'>, { principal }: RequestContext) {
    const lookup = request.lookup;
    if (lookup.case === 'id') {
      return { professional: professionalReply(await this.findProfessionals.byId({ id: requireId(lookup.value, 'id') }, principal), principal) };
    }
    if (lookup.case === 'subject' && lookup.value) {
      return { professional: professionalReply(await this.findProfessionals.byId({ subject: lookup.value }, principal), principal) };
    }
    throw DomainError.badInput('id', 'Give the id or the subject of the professional.');
  }

  @HandleRequest(DirectoryRequests.getCaller)
  async caller(_request: Req<'getCaller'>, { principal }: RequestContext) {
    const professional = await this.findProfessionals.callerRecord(principal);
    return { professional: professional ? professionalReply(professional, principal) : undefined };
  }

  @HandleRequest(DirectoryRequests.verifyProfessional)
  async verify(request: Req<'verifyProfessional'>, { principal }: RequestContext) {
    const professional = await this.changeStatus.execute(
      requireId(request.id, 'id'),
      'verify',
      { expectedVersion: version(request.expectedVersion) },
      principal,
    );
    return { professional: professionalReply(professional, principal) };
  }

  @HandleRequest(DirectoryRequests.suspendProfessional)
  async suspend(request: Req<'suspendProfessional'>, { principal }: RequestContext) {
    const id = requireId(request.id, 'id');
    const { reason } = validateInput(SuspensionInput, { reason: request.reason }, 'input');
    const professional = await this.changeStatus.execute(
      id,
      'suspend',
      { reason, expectedVersion: version(request.expectedVersion) },
      principal,
    );
    return { professional: professionalReply(professional, principal) };
  }

  @HandleRequest(DirectoryRequests.reinstateProfessional)
  async reinstate(request: Req<'reinstateProfessional'>, { principal }: RequestContext) {
    const professional = await this.changeStatus.execute(
      requireId(request.id, 'id'),
      'reinstate',
      { expectedVersion: version(request.expectedVersion) },
      principal,
    );
    return { professional: professionalReply(professional, principal) };
  }

  @HandleRequest(DirectoryRequests.searchProfessionals)
  async search(request: Req<'searchProfessionals'>, { principal }: RequestContext) {
    const filter = request.filter;
    const page = await this.findProfessionals.search(
      {
        country: filter?.country || undefined,
        agencyId: filter?.agencyId ? requireId(filter.agencyId, 'filter.agencyId') : undefined,
        agencyType: filter?.agencyType ? AgencyType[filter.agencyType] : undefined,
        role: filter?.role ? ProfessionalRole[filter.role] : undefined,
        language: filter?.language || undefined,
        expertise: filter?.expertise || undefined,
        text: filter?.text || undefined,
        status: filter?.status ? VerificationStatus[filter.status] : undefined,
        first: request.page?.first || undefined,
        after: request.page?.after || undefined,
      },
      principal,
    );
    return { ...page, items: page.items.map((professional) => professionalReply(professional, principal)) };
  }
}
