/** Focal points and on-duty shifts to protobuf. */
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { MessageInitShape } from '@bufbuild/protobuf';
import { ContactReason, type ContactCandidateSchema, type FocalPointSchema, type OnDutyShiftSchema } from '@cpx/contracts';
import type { Principal } from '@cpx/platform';
import { professionalReply, type ProfessionalRead } from '../professionals/professional.mapper';
import { alertKindMessage } from './alert-kinds';
import type { Candidate } from './domain/contact-ranking';
import type { FocalPointRow } from './focal-point.store';
import type { OnDutyShiftRow } from './on-duty-shift.store';

export function focalPointMessage(focalPoint: FocalPointRow): MessageInitShape<typeof FocalPointSchema> {
  return {
    id: focalPoint.id,
    country: focalPoint.country,
    alertKind: alertKindMessage(focalPoint.alertKind),
    professionalId: focalPoint.professionalId,
    createdAt: timestampFromDate(focalPoint.createdAt),
  };
}

export function shiftMessage(shift: OnDutyShiftRow): MessageInitShape<typeof OnDutyShiftSchema> {
  return {
    id: shift.id,
    professionalId: shift.professionalId,
    country: shift.country,
    alertKind: alertKindMessage(shift.alertKind),
    startsAt: timestampFromDate(shift.startsAt),
    endsAt: timestampFromDate(shift.endsAt),
  };
}

/** A candidate of whomToContact as `principal` may see them (professionalReply hides subjects). */
export function candidateMessage(candidate: Candidate<ProfessionalRead>, principal: Principal): MessageInitShape<typeof ContactCandidateSchema> {
  return {
    professional: professionalReply(candidate.professional, principal),
    reason: candidate.reason === 'ON_DUTY' ? ContactReason.ON_DUTY : ContactReason.FOCAL_POINT,
    shiftEndsAt: candidate.shiftEndsAt ? timestampFromDate(candidate.shiftEndsAt) : undefined,
    shiftId: candidate.shiftId ?? '',
  };
}
