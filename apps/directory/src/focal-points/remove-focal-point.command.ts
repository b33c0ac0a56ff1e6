/** Which focal point an admin removes. */
import { requireId } from '@cpx/platform';
import type { DirectoryRequest } from '../directory-request';

export class RemoveFocalPointCommand {
  private constructor(readonly id: string) {}

  static from(request: DirectoryRequest<'removeFocalPoint'>): RemoveFocalPointCommand {
    return new RemoveFocalPointCommand(requireId(request.id, 'id'));
  }
}
