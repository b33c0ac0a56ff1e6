import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { MessageInitShape } from '@bufbuild/protobuf';
import type { FocalPointSchema, OnDutyShiftSchema } from '@cpx/contracts';
import { alertKindMessage } from './alert-kinds';
import type { FocalPointEntity, OnDutyShiftEntity } from './focal-point.entity';

export function focalPointMessage(focalPoint: FocalPointEntity): MessageInitShape<typeof FocalPointSchema> {
  return {
    id: focalPoint.id,
    country: focalPoint.country,
    alertKind: alertKindMessage(focalPoint.alertKind),
    professionalId: focalPoint.professionalId,
    createdAt: timestampFromDate(focalPoint.createdAt),
  };
}

export function shiftMessage(shift: OnDutyShiftEntity): MessageInitShape<typeof OnDutyShiftSchema> {
  return {
    id: shift.id,
    professionalId: shift.professionalId,
    country: shift.country,
    alertKind: alertKindMessage(shift.alertKind),
    startsAt: timestampFromDate(shift.startsAt),
    endsAt: timestampFromDate(shift.endsAt),
  };
}
