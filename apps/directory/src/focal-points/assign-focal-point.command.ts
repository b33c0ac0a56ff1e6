/** Whom an agency admin names as focal point, for which country and kind of alert. */
import { requireId } from '@cpx/platform';
import type { DirectoryRequest } from '../directory-request';
import { requireCountry, requireKind } from './contact-point-fields';

export class AssignFocalPointCommand {
  private constructor(
    readonly country: string,
    readonly alertKind: string,
    readonly professionalId: string,
  ) {}

  static from(request: DirectoryRequest<'assignFocalPoint'>): AssignFocalPointCommand {
    return new AssignFocalPointCommand(
      requireCountry(request.country, 'input.country'),
      requireKind(request.alertKind, 'input.alertKind'),
      requireId(request.professionalId, 'input.professionalId'),
    );
  }
}
