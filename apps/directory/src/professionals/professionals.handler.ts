/** Kafka adapter for professional operations: decode, build the command, call one use case, encode. */
import { Controller } from '@nestjs/common';
import { DirectoryRequests } from '@cpx/contracts';
import { HandleRequest, type RequestContext } from '@cpx/platform';
import type { DirectoryRequest } from '../directory-request';
import { GetCallerUseCase } from './get-caller.usecase';
import { GetProfessionalCommand } from './get-professional.command';
import { GetProfessionalUseCase } from './get-professional.usecase';
import { professionalReply } from './professional.mapper';
import { RegisterProfessionalCommand } from './register-professional.command';
import { RegisterProfessionalUseCase } from './register-professional.usecase';
import { ReinstateProfessionalCommand } from './reinstate-professional.command';
import { ReinstateProfessionalUseCase } from './reinstate-professional.usecase';
import { SearchProfessionalsCommand } from './search-professionals.command';
import { SearchProfessionalsUseCase } from './search-professionals.usecase';
import { SuspendProfessionalCommand } from './suspend-professional.command';
import { SuspendProfessionalUseCase } from './suspend-professional.usecase';
import { UpdateProfessionalCommand } from './update-professional.command';
import { UpdateProfessionalUseCase } from './update-professional.usecase';
import { VerifyProfessionalCommand } from './verify-professional.command';
import { VerifyProfessionalUseCase } from './verify-professional.usecase';

@Controller()
export class ProfessionalsHandler {
  constructor(
    private readonly registerProfessional: RegisterProfessionalUseCase,
    private readonly updateProfessional: UpdateProfessionalUseCase,
    private readonly getProfessional: GetProfessionalUseCase,
    private readonly getCaller: GetCallerUseCase,
    private readonly verifyProfessional: VerifyProfessionalUseCase,
    private readonly suspendProfessional: SuspendProfessionalUseCase,
    private readonly reinstateProfessional: ReinstateProfessionalUseCase,
    private readonly searchProfessionals: SearchProfessionalsUseCase,
  ) {}

  @HandleRequest(DirectoryRequests.registerProfessional)
  async register(request: DirectoryRequest<'registerProfessional'>, { principal }: RequestContext) {
    const professional = await this.registerProfessional.execute(RegisterProfessionalCommand.from(request), principal);
    return { professional: professionalReply(professional, principal) };
  }

  @HandleRequest(DirectoryRequests.updateProfessional)
  async update(request: DirectoryRequest<'updateProfessional'>, { principal }: RequestContext) {
    const professional = await this.updateProfessional.execute(UpdateProfessionalCommand.from(request), principal);
    return { professional: professionalReply(professional, principal) };
  }

  @HandleRequest(DirectoryRequests.getProfessional)
  async get(request: DirectoryRequest<'getProfessional'>, { principal }: RequestContext) {
    const professional = await this.getProfessional.execute(GetProfessionalCommand.from(request), principal);
    return { professional: professionalReply(professional, principal) };
  }

  @HandleRequest(DirectoryRequests.getCaller)
  async caller(_request: DirectoryRequest<'getCaller'>, { principal }: RequestContext) {
    const professional = await this.getCaller.execute(principal);
    return { professional: professional ? professionalReply(professional, principal) : undefined };
  }

  @HandleRequest(DirectoryRequests.verifyProfessional)
  async verify(request: DirectoryRequest<'verifyProfessional'>, { principal }: RequestContext) {
    const professional = await this.verifyProfessional.execute(VerifyProfessionalCommand.from(request), principal);
    return { professional: professionalReply(professional, principal) };
  }

  @HandleRequest(DirectoryRequests.suspendProfessional)
  async suspend(request: DirectoryRequest<'suspendProfessional'>, { principal }: RequestContext) {
    const professional = await this.suspendProfessional.execute(SuspendProfessionalCommand.from(request), principal);
    return { professional: professionalReply(professional, principal) };
  }

  @HandleRequest(DirectoryRequests.reinstateProfessional)
  async reinstate(request: DirectoryRequest<'reinstateProfessional'>, { principal }: RequestContext) {
    const professional = await this.reinstateProfessional.execute(ReinstateProfessionalCommand.from(request), principal);
    return { professional: professionalReply(professional, principal) };
  }

  @HandleRequest(DirectoryRequests.searchProfessionals)
  async search(request: DirectoryRequest<'searchProfessionals'>, { principal }: RequestContext) {
    const page = await this.searchProfessionals.execute(SearchProfessionalsCommand.from(request), principal);
    return { ...page, items: page.items.map((professional) => professionalReply(professional, principal)) };
  }
}
