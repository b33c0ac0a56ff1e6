/** Which professional a caller asks for: by id, or by the subject they sign in with. */
import { DomainError, requireId } from '@cpx/platform';
import type { DirectoryRequest } from '../directory-request';

export class GetProfessionalCommand {
  private constructor(readonly lookup: { id: string } | { subject: string }) {}

  static from(request: DirectoryRequest<'getProfessional'>): GetProfessionalCommand {
    const lookup = request.lookup;
    if (lookup.case === 'id') return new GetProfessionalCommand({ id: requireId(lookup.value, 'id') });
    if (lookup.case === 'subject' && lookup.value) return new GetProfessionalCommand({ subject: lookup.value });
    throw DomainError.badInput('id', 'Give the id or the subject of the professional.');
  }
}
