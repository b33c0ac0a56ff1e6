/**
 * A professional search as asked: the filter's values, empty ones as absent, the agency
 * id checked as an id. Page size, text length, country, language and cursor are checked
 * by the use case, after the caller (search-professionals.usecase.ts): a caller who may
 * not read people learns nothing, not even that their filter was malformed.
 */
import { AgencyType, ProfessionalRole, VerificationStatus } from '@cpx/contracts';
import { requireId } from '@cpx/platform';
import type { DirectoryRequest } from '../directory-request';

export class SearchProfessionalsCommand {
  country?: string;
  agencyId?: string;
  agencyType?: string;
  role?: string;
  language?: string;
  expertise?: string;
  text?: string;
  status?: string;
  first?: number;
  after?: string;

  static from(request: DirectoryRequest<'searchProfessionals'>): SearchProfessionalsCommand {
    const filter = request.filter;
    return Object.assign(new SearchProfessionalsCommand(), {
      country: filter?.country || undefined,
      agencyId: filter?.agencyId ? requireId(filter.agencyId, 'filter.agencyId') : undefined,
      agencyType: filter?.agencyType ? AgencyType[filter.agencyType] : undefined,
      role: filter?.role ? ProfessionalRole[filter.role] : undefined,
      language: filter?.language || undefined,
      expertise: filter?.expertise || undefined,
      text: filter?.text || undefined,
      status: filter?.status ? VerificationStatus[filter.status] : undefined,
      first: request.page?.first || undefined,
      after: request.page?.after || undefined,
    });
  }
}
