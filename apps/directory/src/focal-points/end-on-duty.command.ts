/** Which on-duty shift an admin ends (or cancels, before it begins). */
import { requireId } from '@cpx/platform';
import type { DirectoryRequest } from '../directory-request';

export class EndOnDutyCommand {
  private constructor(readonly id: string) {}

  static from(request: DirectoryRequest<'endOnDuty'>): EndOnDutyCommand {
    return new EndOnDutyCommand(requireId(request.id, 'id'));
  }
}
