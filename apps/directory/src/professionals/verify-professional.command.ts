/** Which professional an admin vouches for, and at which version they saw them. */
import { requireId } from '@cpx/platform';
import type { DirectoryRequest } from '../directory-request';
import { versionOf } from './professional-fields';

export class VerifyProfessionalCommand {
  private constructor(
    readonly id: string,
    readonly expectedVersion: number | undefined,
  ) {}

  static from(request: DirectoryRequest<'verifyProfessional'>): VerifyProfessionalCommand {
    return new VerifyProfessionalCommand(requireId(request.id, 'id'), versionOf(request.expectedVersion));
  }
}
