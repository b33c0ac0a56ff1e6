import type { MessageInitShape } from '@bufbuild/protobuf';
import {
  AlertKind,
  ContactReason,
  type AssignFocalPointRequestSchema,
  type ContactCandidate,
  type FocalPoint,
  type OnDutyShift,
  type ScheduleOnDutyRequestSchema,
  type WhomToContactRequestSchema,
} from '@cpx/contracts';
import type { AssignFocalPointInput } from '../inputs/focal-point.input';
import type { ScheduleOnDutyInput, WhomToContactArgs } from '../inputs/on-duty.input';
import type { ContactCandidateObject } from '../types/contact-candidate.type';
import type { FocalPointObject } from '../types/focal-point.type';
import type { OnDutyShiftObject } from '../types/on-duty-shift.type';
import { toProfessional } from './professional.mapper';
import { dateOf, enumName, enumValue, optionalDateOf, required, requiredEnumName, textOrNull, timestampOf } from '../../graphql/proto-values';

export function toFocalPoint(focalPoint: FocalPoint): FocalPointObject {
  return {
    id: focalPoint.id,
    country: focalPoint.country,
    alertKind: enumName(AlertKind, focalPoint.alertKind),
    professionalId: focalPoint.professionalId,
    createdAt: dateOf(focalPoint.createdAt, 'focal_point.created_at'),
  };
}

export function assignFocalPointRequest(input: AssignFocalPointInput): MessageInitShape<typeof AssignFocalPointRequestSchema> {
  return { country: input.country, alertKind: enumValue(AlertKind, input.alertKind), professionalId: input.professionalId };
}

export function toOnDutyShift(shift: OnDutyShift): OnDutyShiftObject {
  return {
    id: shift.id,
    professionalId: shift.professionalId,
    country: shift.country,
    alertKind: enumName(AlertKind, shift.alertKind),
    startsAt: dateOf(shift.startsAt, 'shift.starts_at'),
    endsAt: dateOf(shift.endsAt, 'shift.ends_at'),
  };
}

export function scheduleOnDutyRequest(input: ScheduleOnDutyInput): MessageInitShape<typeof ScheduleOnDutyRequestSchema> {
  return {
    professionalId: input.professionalId,
    country: input.country,
    alertKind: enumValue(AlertKind, input.alertKind),
    startsAt: timestampOf(input.startsAt),
    endsAt: timestampOf(input.endsAt),
  };
}

export function whomToContactRequest(args: WhomToContactArgs): MessageInitShape<typeof WhomToContactRequestSchema> {
  return { country: args.country, alertKind: enumValue(AlertKind, args.alertKind), at: args.at ? timestampOf(args.at) : undefined };
}

export function toContactCandidate(candidate: ContactCandidate): ContactCandidateObject {
  return {
    professional: toProfessional(required(candidate.professional, 'candidate.professional')),
    reason: requiredEnumName(ContactReason, candidate.reason, 'candidate.reason'),
    shiftEndsAt: optionalDateOf(candidate.shiftEndsAt),
    shiftId: textOrNull(candidate.shiftId),
  };
}
