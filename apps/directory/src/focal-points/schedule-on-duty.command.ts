/** Who is on duty, for which country and kind, and when: a window the rules accept (domain/shift-window.ts). */
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { DomainError, requireId } from '@cpx/platform';
import type { DirectoryRequest } from '../directory-request';
import { requireCountry, requireKind } from './contact-point-fields';
import { shiftWindowProblem } from './domain/shift-window';

export class ScheduleOnDutyCommand {
  private constructor(
    readonly professionalId: string,
    readonly country: string,
    readonly alertKind: string,
    readonly startsAt: Date,
    readonly endsAt: Date,
  ) {}

  static from(request: DirectoryRequest<'scheduleOnDuty'>): ScheduleOnDutyCommand {
    if (!request.startsAt) throw DomainError.badInput('input.startsAt', 'input.startsAt is required.');
    if (!request.endsAt) throw DomainError.badInput('input.endsAt', 'input.endsAt is required.');
    const command = new ScheduleOnDutyCommand(
      requireId(request.professionalId, 'input.professionalId'),
      requireCountry(request.country, 'input.country'),
      requireKind(request.alertKind, 'input.alertKind'),
      timestampDate(request.startsAt),
      timestampDate(request.endsAt),
    );
    const problem = shiftWindowProblem(command, new Date());
    if (problem) throw DomainError.badInput('input.endsAt', problem);
    return command;
  }
}
