/**
 * An agency search as asked: the filter's values, empty ones as absent. Page size, text
 * length, country, language and cursor are checked by the use case, after the caller
 * (search-agencies.usecase.ts): a caller who may not read agencies learns nothing, not
 * even that their filter was malformed.
 */
import { AgencyType } from '@cpx/contracts';
import type { DirectoryRequest } from '../directory-request';

export class SearchAgenciesCommand {
  country?: string;
  type?: string;
  language?: string;
  text?: string;
  first?: number;
  after?: string;

  static from(request: DirectoryRequest<'searchAgencies'>): SearchAgenciesCommand {
    const filter = request.filter;
    return Object.assign(new SearchAgenciesCommand(), {
      country: filter?.country || undefined,
      type: filter?.type ? AgencyType[filter.type] : undefined,
      language: filter?.language || undefined,
      text: filter?.text || undefined,
      first: request.page?.first || undefined,
      after: request.page?.after || undefined,
    });
  }
}
