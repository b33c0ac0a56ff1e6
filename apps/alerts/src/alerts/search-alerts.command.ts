/** SearchAlerts' input: the filter (each part optional) and the page. */
import type { MessageShape } from '@bufbuild/protobuf';
import { AlertKind, AlertStatus, Urgency, type AlertsRequests } from '@cpx/contracts';
import { COUNTRY_CODE, validateInput } from '@cpx/platform';
import { IsOptional, Matches } from 'class-validator';
import { enumName } from './alert.mapper';

type Request = MessageShape<(typeof AlertsRequests)['searchAlerts']['request']>;

/** The filter's fields class-validator checks, as the caller named them (`filter.country`). */
class FilterFields {
  @IsOptional() @Matches(COUNTRY_CODE, { message: 'must be an ISO 3166-1 alpha-2 code.' })
  country?: string;
}

export class SearchAlertsCommand {
  status?: string;
  kind?: string;
  urgency?: string;
  country?: string;
  overdueOnly?: boolean;
  first?: number;
  after?: string;

  static from(request: Request): SearchAlertsCommand {
    const filter = request.filter;
    const status = filter?.status ? enumName(AlertStatus, filter.status, 'filter.status') : undefined;
    const kind = filter?.kind ? enumName(AlertKind, filter.kind, 'filter.kind') : undefined;
    const urgency = filter?.urgency ? enumName(Urgency, filter.urgency, 'filter.urgency') : undefined;
    const { country } = validateInput(FilterFields, { country: filter?.country || undefined }, 'filter');
    return Object.assign(new SearchAlertsCommand(), {
      status,
      kind,
      urgency,
      country,
      overdueOnly: filter?.overdueOnly ?? false,
      first: request.page?.first || undefined,
      after: request.page?.after || undefined,
    });
  }
}
