/**
 * Ending an on-duty shift early, or cancelling one that has not begun: a mistaken shift
 * (up to 31 days) would otherwise keep routing alerts to its professional until it ran
 * out. Whoever may schedule it may end it. whomToContact stops naming the person from the
 * commit on; the alerts service stops routing to them once it has OnDutyEnded.
 */
import { Injectable } from '@nestjs/common';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { DirectoryEvents } from '@cpx/contracts';
import { DomainError, recordEvent, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { resolveCaller } from '../access/resolve-caller';
import { assertMayNameContactsFor } from '../access/domain/directory-policy';
import { professionalWithAgency } from '../professionals/professional.store';
import { shiftMessage } from './contact-points.mapper';
import { endingOf } from './domain/shift-ending';
import type { EndOnDutyCommand } from './end-on-duty.command';
import { setShiftEnd, shiftForUpdate, type OnDutyShiftRow } from './on-duty-shift.store';

@Injectable()
export class EndOnDutyUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(command: EndOnDutyCommand, principal: Principal): Promise<OnDutyShiftRow> {
    const { id } = command;
    return this.dataSource.transaction(async (manager) => {
      const caller = await resolveCaller(principal, manager);
      // Locked: two admins ending it at once publish one OnDutyEnded, not two different ends.
      const shift = await shiftForUpdate(manager, id);
      if (!shift) throw DomainError.notFound('On-duty shift', id);
      const professional = await professionalWithAgency(manager, { id: shift.professionalId });
      // Not whether the person is still verified: a suspended professional's shift must end too.
      assertMayNameContactsFor(caller, professional!.agency, shift.country);
      const now = new Date();
      const end = endingOf(shift, now);
      if (!end) return shift;
      shift.endsAt = end;
      await setShiftEnd(manager, id, end);
      await recordEvent(manager, {
        topic: DirectoryEvents.topic,
        event: DirectoryEvents.types.onDutyEnded,
        aggregateId: shift.id,
        subject: `on-duty-shifts/${shift.id}`,
        data: { shift: shiftMessage(shift), occurredAt: timestampFromDate(now), actorSubject: principal.subject },
        occurredAt: now,
      });
      return shift;
    });
  }
}
