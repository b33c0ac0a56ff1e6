/** SearchIdentityReads' input: whose reads, of which alert, in which period, and the page. */
import type { MessageShape } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import type { AlertsRequests } from '@cpx/contracts';
import { DomainError, requireId } from '@cpx/platform';

type Request = MessageShape<(typeof AlertsRequests)['searchIdentityReads']['request']>;

export class SearchIdentityReadsCommand {
  readerSubject?: string;
  alertId?: string;
  since?: Date;
  until?: Date;
  first?: number;
  after?: string;

  static from(request: Request): SearchIdentityReadsCommand {
    if (request.readerSubject.length > 255) throw DomainError.badInput('readerSubject', 'readerSubject: at most 255 characters.');
    const command = Object.assign(new SearchIdentityReadsCommand(), {
      readerSubject: request.readerSubject || undefined,
      alertId: request.alertId ? requireId(request.alertId, 'alertId') : undefined,
      since: request.since ? reportedMoment(request.since, 'since') : undefined,
      until: request.until ? reportedMoment(request.until, 'until') : undefined,
      first: request.page?.first || undefined,
      after: request.page?.after || undefined,
    });
    return command;
  }
}

/** A moment a caller gave: one a Date can hold, or the field's input error. */
function reportedMoment(timestamp: Parameters<typeof timestampDate>[0], field: string): Date {
  const date = timestampDate(timestamp);
  if (Number.isNaN(date.getTime())) throw DomainError.badInput(field, `${field} is not a moment in time.`);
  return date;
}
