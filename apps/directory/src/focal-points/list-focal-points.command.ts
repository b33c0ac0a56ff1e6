/** The country whose focal points are asked for, or none for every country. */
import type { DirectoryRequest } from '../directory-request';
import { requireCountry } from './contact-point-fields';

export class ListFocalPointsCommand {
  private constructor(readonly country: string | undefined) {}

  static from(request: DirectoryRequest<'listFocalPoints'>): ListFocalPointsCommand {
    return new ListFocalPointsCommand(request.country ? requireCountry(request.country, 'country') : undefined);
  }
}
