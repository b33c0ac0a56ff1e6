/**
 * The audit trail of children's identities across alerts: every read, newest first, for
 * auditors (data-protection officers) and nobody else. Per alert, the originating agency
 * sees its own reads (RevealIdentityUseCase.reads); an auditor must also be able to ask
 * "what did this person read, and why?" without knowing the alerts first.
 *
 * Pages by the read's position (identity_read.id, drawn in the order reads were recorded):
 * a cursor is that position, checked before it reaches SQL.
 */
import { Injectable } from '@nestjs/common';
import { decodeKeyCursor, DomainError, encodeCursor, hasRole, pageSize, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { IdentityReadEntity } from '../alerts/alert.entities';

export interface IdentityReadSearch {
  readerSubject?: string;
  alertId?: string;
  since?: Date;
  until?: Date;
  first?: number;
  after?: string;
}

export interface IdentityReadPage {
  items: IdentityReadEntity[];
  endCursor: string;
  hasNextPage: boolean;
  totalCount: number;
}

const CURSOR_TAG = 'identity-reads';

@Injectable()
export class SearchIdentityReadsUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(search: IdentityReadSearch, principal: Principal): Promise<IdentityReadPage> {
    if (!hasRole(principal, 'auditor')) throw DomainError.forbidden('Only auditors read the audit trail across alerts.');
    const limit = pageSize(search.first);
    const after = positionOf(search.after);
    if (search.since && search.until && search.since.getTime() >= search.until.getTime()) {
      throw DomainError.badInput('until', 'until must be later than since.');
    }
    const query = this.dataSource.manager.createQueryBuilder(IdentityReadEntity, 'read');
    if (search.readerSubject) query.andWhere('read.reader_subject = :readerSubject', { readerSubject: search.readerSubject });
    if (search.alertId) query.andWhere('read.alert_id = :alertId', { alertId: search.alertId });
    if (search.since) query.andWhere('read.read_at >= :since', { since: search.since });
    if (search.until) query.andWhere('read.read_at < :until', { until: search.until });
    const totalCount = await query.getCount();
    if (after) query.andWhere('read.id < :after', { after });
    const rows = await query.orderBy('read.id', 'DESC').limit(limit + 1).getMany();
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return { items, endCursor: last ? encodeCursor([CURSOR_TAG, last.id]) : '', hasNextPage: rows.length > limit, totalCount };
  }
}

function positionOf(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const [tag, position] = decodeKeyCursor(cursor, ['text', 'position']);
  if (tag !== CURSOR_TAG) throw DomainError.badInput('after', 'after: the cursor is not one this list issued.');
  return position;
}
