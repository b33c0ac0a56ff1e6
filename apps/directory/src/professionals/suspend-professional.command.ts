/** Which professional an admin suspends, why (shown to them), and at which version they saw them. */
import { NOT_BLANK, requireId, validateInput } from '@cpx/platform';
import { IsString, Length, Matches } from 'class-validator';
import type { DirectoryRequest } from '../directory-request';
import { versionOf } from './professional-fields';

export class SuspendProfessionalCommand {
  /** Checked as an id before the reason (requireId), so it carries no rule of its own. */
  id!: string;

  @IsString() @Length(1, 2000) @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  reason!: string;

  expectedVersion?: number;

  static from(request: DirectoryRequest<'suspendProfessional'>): SuspendProfessionalCommand {
    const id = requireId(request.id, 'id');
    return validateInput(SuspendProfessionalCommand, { id, reason: request.reason, expectedVersion: versionOf(request.expectedVersion) });
  }
}
