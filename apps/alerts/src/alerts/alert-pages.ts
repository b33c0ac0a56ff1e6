/**
 * A page of an alert list (the alert list, the inbox): the alerts on it, loaded, and its
 * cursor. Reading an alert's texts is recorded in the audit log before they are returned:
 * one ALERTS_LISTED entry per page that is not empty, naming the alerts on it (one entry
 * per listed alert would put up to 100 appends, each through the log's single chain head,
 * on every page). The entry commits in a transaction of its own, as short as an append
 * can be; if it fails, nothing is returned.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { appendAudit } from '../audit/audit-log';
import type { AlertIdPage } from './alert-list.store';
import { loadAlert, type LoadedAlert } from './alert.store';
import { alertCursor, type AlertKey, type AlertList } from './domain/alert-cursors';

export interface AlertPage {
  items: LoadedAlert[];
  endCursor: string;
  hasNextPage: boolean;
  totalCount: number;
}

export async function alertPage(
  dataSource: DataSource,
  manager: EntityManager,
  reader: string,
  list: AlertList,
  ids: AlertIdPage,
  limit: number,
  keyOf: (loaded: LoadedAlert) => AlertKey,
): Promise<AlertPage> {
  const items = await Promise.all(ids.ids.slice(0, limit).map((id) => loadAlert(manager, id)));
  if (items.length > 0) {
    await dataSource.transaction((transaction) =>
      appendAudit(transaction, { actorSubject: reader, alertId: null, action: 'ALERTS_LISTED', details: { list, alertIds: items.map(({ alert }) => alert.id) } }),
    );
  }
  const last = items.at(-1);
  return {
    items,
    endCursor: last ? alertCursor(list, keyOf(last)) : '',
    hasNextPage: ids.ids.length > limit,
    totalCount: ids.totalCount,
  };
}
