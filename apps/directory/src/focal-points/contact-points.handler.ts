/** Kafka adapter for focal points, duty shifts and "whom do I contact": decode, build the command, call one use case, encode. */
import { Controller } from '@nestjs/common';
import { DirectoryRequests } from '@cpx/contracts';
import { HandleRequest, type RequestContext } from '@cpx/platform';
import type { DirectoryRequest } from '../directory-request';
import { AssignFocalPointCommand } from './assign-focal-point.command';
import { AssignFocalPointUseCase } from './assign-focal-point.usecase';
import { candidateMessage, focalPointMessage, shiftMessage } from './contact-points.mapper';
import { EndOnDutyCommand } from './end-on-duty.command';
import { EndOnDutyUseCase } from './end-on-duty.usecase';
import { ListFocalPointsCommand } from './list-focal-points.command';
import { ListFocalPointsUseCase } from './list-focal-points.usecase';
import { RemoveFocalPointCommand } from './remove-focal-point.command';
import { RemoveFocalPointUseCase } from './remove-focal-point.usecase';
import { ScheduleOnDutyCommand } from './schedule-on-duty.command';
import { ScheduleOnDutyUseCase } from './schedule-on-duty.usecase';
import { WhomToContactCommand } from './whom-to-contact.command';
import { WhomToContactUseCase } from './whom-to-contact.usecase';

@Controller()
export class ContactPointsHandler {
  constructor(
    private readonly assignFocalPoint: AssignFocalPointUseCase,
    private readonly removeFocalPoint: RemoveFocalPointUseCase,
    private readonly listFocalPoints: ListFocalPointsUseCase,
    private readonly scheduleOnDuty: ScheduleOnDutyUseCase,
    private readonly endOnDuty: EndOnDutyUseCase,
    private readonly whomToContact: WhomToContactUseCase,
  ) {}

  @HandleRequest(DirectoryRequests.assignFocalPoint)
  async assign(request: DirectoryRequest<'assignFocalPoint'>, { principal }: RequestContext) {
    return { focalPoint: focalPointMessage(await this.assignFocalPoint.execute(AssignFocalPointCommand.from(request), principal)) };
  }

  @HandleRequest(DirectoryRequests.removeFocalPoint)
  async remove(request: DirectoryRequest<'removeFocalPoint'>, { principal }: RequestContext) {
    return { focalPoint: focalPointMessage(await this.removeFocalPoint.execute(RemoveFocalPointCommand.from(request), principal)) };
  }

  @HandleRequest(DirectoryRequests.listFocalPoints)
  async list(request: DirectoryRequest<'listFocalPoints'>, { principal }: RequestContext) {
    const focalPoints = await this.listFocalPoints.execute(ListFocalPointsCommand.from(request), principal);
    return { focalPoints: focalPoints.map(focalPointMessage) };
  }

  @HandleRequest(DirectoryRequests.scheduleOnDuty)
  async schedule(request: DirectoryRequest<'scheduleOnDuty'>, { principal }: RequestContext) {
    return { shift: shiftMessage(await this.scheduleOnDuty.execute(ScheduleOnDutyCommand.from(request), principal)) };
  }

  @HandleRequest(DirectoryRequests.endOnDuty)
  async end(request: DirectoryRequest<'endOnDuty'>, { principal }: RequestContext) {
    return { shift: shiftMessage(await this.endOnDuty.execute(EndOnDutyCommand.from(request), principal)) };
  }

  @HandleRequest(DirectoryRequests.whomToContact)
  async whom(request: DirectoryRequest<'whomToContact'>, { principal }: RequestContext) {
    const candidates = await this.whomToContact.execute(WhomToContactCommand.from(request), principal);
    return { candidates: candidates.map((candidate) => candidateMessage(candidate, principal)) };
  }
}
