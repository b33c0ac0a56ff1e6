/** Which suspended professional an admin reinstates, and at which version they saw them. */
import { requireId } from '@cpx/platform';
import type { DirectoryRequest } from '../directory-request';
import { versionOf } from './professional-fields';

export class ReinstateProfessionalCommand {
  private constructor(
    readonly id: string,
    readonly expectedVersion: number | undefined,
  ) {}

  static from(request: DirectoryRequest<'reinstateProfessional'>): ReinstateProfessionalCommand {
    return new ReinstateProfessionalCommand(requireId(request.id, 'id'), versionOf(request.expectedVersion));
  }
}
