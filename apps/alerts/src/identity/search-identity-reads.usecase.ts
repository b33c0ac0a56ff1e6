/**
 * The audit trail of children's identities across alerts: every read, newest first, for
 * auditors (data-protection officers) and nobody else. Per alert, the originating agency
 * sees its own reads (list-identity-reads.usecase.ts); an auditor must also be able to ask
 * "what did this person read, and why?" without knowing the alerts first.
 *
 * Served from the audit log (its IDENTITY_READ entries). Pages by the entry's sequence
 * number (the order reads were recorded): a cursor is that position, checked before it
 * reaches SQL.
 */
import { Injectable } from '@nestjs/common';
import { decodeKeyCursor, DomainError, encodeCursor, hasRole, pageSize, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { identityReadEntries } from '../audit/audit.store';
import { identityReadOf, type IdentityReadView } from './domain/identity-history';
import type { SearchIdentityReadsCommand } from './search-identity-reads.command';

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

  async execute(search: SearchIdentityReadsCommand, principal: Principal): Promise<IdentityReadPage> {
    if (!hasRole(principal, 'auditor')) throw DomainError.forbidden('Only auditors read the audit trail across alerts.');
    const limit = pageSize(search.first);
    const after = positionOf(search.after);
    if (search.since && search.until && search.since.getTime() >= search.until.getTime()) {
      throw DomainError.badInput('until', 'until must be later than since.');
    }
    const { entries, totalCount } = await identityReadEntries(this.dataSource.manager, search, after, limit);
    const page = entries.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(identityReadOf),
      endCursor: last ? encodeCursor([CURSOR_TAG, String(last.seq)]) : '',
      hasNextPage: entries.length > limit,
      totalCount,
    };
  }
}

function positionOf(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const [tag, position] = decodeKeyCursor(cursor, ['text', 'position']);
  if (tag !== CURSOR_TAG) throw DomainError.badInput('after', 'after: the cursor is not one this list issued.');
  return position;
}
