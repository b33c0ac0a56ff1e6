/** Putting a verified professional on duty for a country (and kind) for a window; OnDutyScheduled announces it. */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { DirectoryEvents } from '@cpx/contracts';
import { recordEvent, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { shiftMessage } from './contact-points.mapper';
import { nameableProfessional } from './nameable-professional';
import { insertShift, type OnDutyShiftRow } from './on-duty-shift.store';
import type { ScheduleOnDutyCommand } from './schedule-on-duty.command';

@Injectable()
export class ScheduleOnDutyUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(command: ScheduleOnDutyCommand, principal: Principal): Promise<OnDutyShiftRow> {
    return this.dataSource.transaction(async (manager) => {
      const professional = await nameableProfessional(manager, command.professionalId, command.country, principal);
      const shift: OnDutyShiftRow = {
        id: randomUUID(),
        professionalId: professional.id,
        country: command.country,
        alertKind: command.alertKind,
        startsAt: command.startsAt,
        endsAt: command.endsAt,
      };
      await insertShift(manager, shift);
      const now = new Date();
      await recordEvent(manager, {
        topic: DirectoryEvents.topic,
        event: DirectoryEvents.types.onDutyScheduled,
        aggregateId: shift.id,
        subject: `on-duty-shifts/${shift.id}`,
        data: { shift: shiftMessage(shift), occurredAt: timestampFromDate(now), actorSubject: principal.subject },
        occurredAt: now,
      });
      return shift;
    });
  }
}
