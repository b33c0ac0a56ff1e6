/**
 * The alert list, newest first, filtered. Filtered in SQL by the same need-to-know rule as
 * a single read (access/domain/caller.ts alertVisibility), so nothing outside it is ever
 * loaded; each page read is recorded in the audit log (alert-pages.ts).
 */
import { Injectable } from '@nestjs/common';
import { pageSize, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { resolveAlertCaller } from '../access/alert-caller';
import { alertVisibility } from '../access/domain/caller';
import { alertPage, type AlertPage } from './alert-pages';
import { searchAlertIds } from './alert-list.store';
import { alertKeyOf } from './domain/alert-cursors';
import type { SearchAlertsCommand } from './search-alerts.command';

@Injectable()
export class SearchAlertsUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(search: SearchAlertsCommand, principal: Principal): Promise<AlertPage> {
    const manager = this.dataSource.manager;
    const caller = await resolveAlertCaller(principal, manager);
    const limit = pageSize(search.first);
    // Checked before any query: a cursor that is not this list's is refused, not run.
    const after = alertKeyOf('alerts', search.after);
    const ids = await searchAlertIds(manager, alertVisibility(caller), search, after, limit);
    return alertPage(this.dataSource, manager, principal.subject, 'alerts', ids, limit, ({ alert }) => ({ at: alert.postedAt, id: alert.id }));
  }
}
