/**
 * The caller's inbox: open alerts awaiting acknowledgement by the caller's country that
 * the caller may acknowledge; most overdue first. Each page read is recorded in the audit
 * log (alert-pages.ts).
 */
import { Injectable } from '@nestjs/common';
import { hasRole, pageSize, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { resolveAlertCaller } from '../access/alert-caller';
import { alertPage, type AlertPage } from './alert-pages';
import { inboxAlertIds } from './alert-list.store';
import { alertKeyOf } from './domain/alert-cursors';
import type { PageCommand } from './page.command';

@Injectable()
export class GetInboxUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(page: PageCommand, principal: Principal): Promise<AlertPage> {
    const manager = this.dataSource.manager;
    const caller = await resolveAlertCaller(principal, manager);
    if (!caller.professional || !caller.agency) return { items: [], endCursor: '', hasNextPage: false, totalCount: 0 };
    const limit = pageSize(page.first);
    // Checked before any query: a cursor that is not this list's is refused, not run.
    const after = alertKeyOf('inbox', page.after);
    const country = caller.agency.country.trim();
    const ids = await inboxAlertIds(
      manager,
      { country, subject: caller.principal.subject, adminOfAgencyId: hasRole(caller.principal, 'agency_admin') ? caller.agency.id : undefined },
      after,
      limit,
    );
    return alertPage(this.dataSource, manager, principal.subject, 'inbox', ids, limit, ({ alert, targets }) => ({
      at: targets.find((target) => target.country.trim() === country)!.deadline,
      id: alert.id,
    }));
  }
}
