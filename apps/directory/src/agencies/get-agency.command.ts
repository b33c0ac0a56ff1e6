/** Which agency a caller asks for. */
import { requireId } from '@cpx/platform';
import type { DirectoryRequest } from '../directory-request';

export class GetAgencyCommand {
  private constructor(readonly id: string) {}

  static from(request: DirectoryRequest<'getAgency'>): GetAgencyCommand {
    return new GetAgencyCommand(requireId(request.id, 'id'));
  }
}
