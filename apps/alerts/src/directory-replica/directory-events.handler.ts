/**
 * Kafka adapter for the directory's events: decodes each into the change it makes to the
 * routing replica and applies it (apply-directory-change.usecase.ts), in the transaction
 * that records the event as received.
 */
import { Controller } from '@nestjs/common';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { AgencyType, AlertKind, DirectoryEvents, VerificationStatus, type OnDutyShift } from '@cpx/contracts';
import { HandleEvents, type ReceivedEvent } from '@cpx/platform';
import type { EntityManager } from 'typeorm';
import { ApplyDirectoryChangeUseCase, type DirectoryChange } from './apply-directory-change.usecase';
import type { OnDutyShiftRow } from './replica.store';

const { types } = DirectoryEvents;

@Controller()
export class DirectoryEventsHandler {
  constructor(private readonly applyChange: ApplyDirectoryChangeUseCase) {}

  @HandleEvents(DirectoryEvents.topic)
  async onDirectoryEvent(event: ReceivedEvent, tx: EntityManager): Promise<void> {
    const change = directoryChange(event);
    if (change) await this.applyChange.execute(change, tx);
  }
}

function directoryChange(event: ReceivedEvent): DirectoryChange | undefined {
  const agency = event.as(types.agencyRegistered)?.agency ?? event.as(types.agencyUpdated)?.agency;
  if (agency) return { kind: 'agency', agency: { id: agency.id, country: agency.country, type: AgencyType[agency.type], sourceVersion: agency.version } };
  const professional =
    event.as(types.professionalRegistered)?.professional ??
    event.as(types.professionalUpdated)?.professional ??
    event.as(types.professionalVerified)?.professional ??
    event.as(types.professionalSuspended)?.professional ??
    event.as(types.professionalReinstated)?.professional;
  if (professional) {
    return {
      kind: 'professional',
      professional: {
        id: professional.id,
        agencyId: professional.agencyId,
        subject: professional.subject ?? null,
        status: VerificationStatus[professional.status],
        sourceVersion: professional.version,
      },
    };
  }
  const assigned = event.as(types.focalPointAssigned)?.focalPoint;
  if (assigned) {
    return {
      kind: 'focalPointAssigned',
      focalPoint: { id: assigned.id, country: assigned.country, alertKind: alertKindName(assigned.alertKind), professionalId: assigned.professionalId },
    };
  }
  const removed = event.as(types.focalPointRemoved)?.focalPoint;
  if (removed) return { kind: 'focalPointRemoved', id: removed.id };
  const scheduled = event.as(types.onDutyScheduled)?.shift;
  if (scheduled?.startsAt && scheduled.endsAt) return { kind: 'shiftScheduled', shift: shiftRow(scheduled) };
  const ended = event.as(types.onDutyEnded)?.shift;
  if (ended?.startsAt && ended.endsAt) return { kind: 'shiftEnded', shift: shiftRow(ended) };
  // Other directory events carry nothing routing needs. CountryRegistered among them: a
  // country becomes a target here with its first agency (post-alert.usecase.ts), which
  // AgencyRegistered brings, so a state that joins needs no release of this service either.
  return undefined;
}

function shiftRow(shift: OnDutyShift): OnDutyShiftRow {
  return {
    id: shift.id,
    professionalId: shift.professionalId,
    country: shift.country,
    alertKind: alertKindName(shift.alertKind),
    startsAt: timestampDate(shift.startsAt!),
    endsAt: timestampDate(shift.endsAt!),
  };
}

/** The directory's "every kind" (0) is stored as ANY, as in the directory itself. */
export function alertKindName(kind: AlertKind): string {
  return kind === AlertKind.UNSPECIFIED ? 'ANY' : AlertKind[kind];
}
