/**
 * The audit trail of children's identities across alerts: every read, newest first, for
 * auditors (data-protection officers) and nobody else. Per alert, the originating agency
 * sees its own reads (RevealIdentityUseCase.reads); an auditor must also be able to ask
 * "what did this person read, and why?" without knowing the alerts first.
 *
 * Served from the audit log (its IDENTITY_READ entries). Pages by the entry's sequence
 * number (the order reads were recorded): a cursor is that position, checked before it
 * reaches SQL.
 */
import { Injectable } from '@nestjs/common';
import { decodeKeyCursor, DomainError, encodeCursor, hasRole, pageSize, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { AUDIT_COLUMNS, auditEntryOf, type AuditRow } from '../audit/audit-log';
import { identityReadOf, type IdentityReadView } from './identity-history';

export interface IdentityReadSearch {
  readerSubject?: string;
  alertId?: string;
  since?: Date;
  until?: Date;
  first?: number;
  after?: string;
}

export interface IdentityReadPage {
  items: IdentityReadView[];
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
    const where = [`action = 'IDENTITY_READ'`];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (search.readerSubject) where.push(`actor_subject = ${param(search.readerSubject)}`);
    if (search.alertId) where.push(`alert_id = ${param(search.alertId)}`);
    if (search.since) where.push(`at >= ${param(search.since)}`);
    if (search.until) where.push(`at < ${param(search.until)}`);
    const manager = this.dataSource.manager;
    const [{ n }] = await manager.query<{ n: string }[]>(`SELECT count(*) AS n FROM audit_entry WHERE ${where.join(' AND ')}`, params) as [{ n: string }];
    if (after) where.push(`seq < ${param(after)}`);
    const rows = await manager.query<AuditRow[]>(
      `SELECT ${AUDIT_COLUMNS} FROM audit_entry WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ${limit + 1}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => identityReadOf(auditEntryOf(row))),
      endCursor: last ? encodeCursor([CURSOR_TAG, String(last.seq)]) : '',
      hasNextPage: rows.length > limit,
      totalCount: Number(n),
    };
  }
}

function positionOf(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const [tag, position] = decodeKeyCursor(cursor, ['text', 'position']);
  if (tag !== CURSOR_TAG) throw DomainError.badInput('after', 'after: the cursor is not one this list issued.');
  return position;
}
