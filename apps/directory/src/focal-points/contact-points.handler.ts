/** Kafka adapter for focal points, duty shifts and "whom do I contact". */
import { Controller } from '@nestjs/common';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { ContactReason, DirectoryRequests } from '@cpx/contracts';
import { COUNTRY_CODE, DomainError, HandleRequest, type RequestContext, requireId } from '@cpx/platform';
import type { MessageShape } from '@bufbuild/protobuf';
import { professionalReply } from '../professionals/professional.mapper';
import { isKnownAlertKind, storedAlertKind } from './alert-kinds';
import { focalPointMessage, shiftMessage } from './contact-points.mapper';
import { EndOnDutyUseCase } from './end-on-duty.usecase';
import { NameContactPointsUseCase } from './name-contact-points.usecase';
import { WhomToContactUseCase } from './whom-to-contact.usecase';

type Req<K extends keyof typeof DirectoryRequests> = MessageShape<(typeof DirectoryRequests)[K]['request']>;

function requireCountry(value: string, field: string): string {
  if (!COUNTRY_CODE.test(value)) throw DomainError.badInput(field, `${field} must be an ISO 3166-1 alpha-2 code such as RS.`);
  return value;
}

function requireKind(value: number, field: string): string {
  if (!isKnownAlertKind(value)) throw DomainError.badInput(field, `${field} is not a known alert kind.`);
  return storedAlertKind(value);
}

@Controller()
export class ContactPointsHandler {
  constructor(
    private readonly contactPoints: NameContactPointsUseCase,
    private readonly whomToContact: WhomToContactUseCase,
    private readonly endOnDuty: EndOnDutyUseCase,
  ) {}

  @HandleRequest(DirectoryRequests.assignFocalPoint)
  async assign(request: Req<'assignFocalPoint'>, { principal }: RequestContext) {
    const focalPoint = await this.contactPoints.assignFocalPoint(
      {
        country: requireCountry(request.country, 'input.country'),
        alertKind: requireKind(request.alertKind, 'input.alertKind'),
        professionalId: requireId(request.professionalId, 'input.professionalId'),
      },
      principal,
    );
    return { focalPoint: focalPointMessage(focalPoint) };
  }

  @HandleRequest(DirectoryRequests.removeFocalPoint)
  async remove(request: Req<'removeFocalPoint'>, { principal }: RequestContext) {
    return { focalPoint: focalPointMessage(await this.contactPoints.removeFocalPoint(requireId(request.id, 'id'), principal)) };
  }

  @HandleRequest(DirectoryRequests.listFocalPoints)
  async list(request: Req<'listFocalPoints'>, { principal }: RequestContext) {
    const country = request.country ? requireCountry(request.country, 'country') : undefined;
    const focalPoints = await this.whomToContact.focalPoints(country, principal);
    return { focalPoints: focalPoints.map(focalPointMessage) };
  }

  @HandleRequest(DirectoryRequests.scheduleOnDuty)
  async schedule(request: Req<'scheduleOnDuty'>, { principal }: RequestContext) {
    if (!request.startsAt) throw DomainError.badInput('input.startsAt', 'input.startsAt is required.');
    if (!request.endsAt) throw DomainError.badInput('input.endsAt', 'input.endsAt is required.');
    const shift = await this.contactPoints.scheduleOnDuty(
      {
        professionalId: requireId(request.professionalId, 'input.professionalId'),
        country: requireCountry(request.country, 'input.country'),
        alertKind: requireKind(request.alertKind, 'input.alertKind'),
        startsAt: timestampDate(request.startsAt),
        endsAt: timestampDate(request.endsAt),
      },
      principal,
    );
    return { shift: shiftMessage(shift) };
  }

  @HandleRequest(DirectoryRequests.endOnDuty)
  async end(request: Req<'endOnDuty'>, { principal }: RequestContext) {
    return { shift: shiftMessage(await this.endOnDuty.execute(requireId(request.id, 'id'), principal)) };
  }

  @HandleRequest(DirectoryRequests.whomToContact)
  async whom(request: Req<'whomToContact'>, { principal }: RequestContext) {
    const candidates = await this.whomToContact.execute(
      {
        country: requireCountry(request.country, 'country'),
        alertKind: requireKind(request.alertKind, 'alertKind'),
        at: request.at ? timestampDate(request.at) : new Date(),
      },
      principal,
    );
    return {
      candidates: candidates.map((candidate) => ({
        professional: professionalReply(candidate.professional, principal),
        reason: candidate.reason === 'ON_DUTY' ? ContactReason.ON_DUTY : ContactReason.FOCAL_POINT,
        shiftEndsAt: candidate.shiftEndsAt ? timestampFromDate(candidate.shiftEndsAt) : undefined,
        shiftId: candidate.shiftId ?? '',
      })),
    };
  }
}
