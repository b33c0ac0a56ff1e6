/**
 * Reading alerts: one alert with its thread, a filtered list, the caller's inbox, and
 * per-country figures. Every list is filtered in SQL by the same need-to-know rule as
 * a single read (alert-policy.ts), so nothing outside it is ever loaded.
 *
 * Reading an alert's texts (title, summary, updates) is recorded in the audit log before
 * the texts are returned: one ALERT_READ entry per alert read, one ALERTS_LISTED entry per
 * page of a list that is not empty, naming the alerts on it (one entry per listed alert
 * would put up to 100 appends, each through the log's single chain head, on every page).
 * The entry commits in a transaction of its own, as short as an append can be; if it
 * fails, nothing is returned. Figures carry no text and are not recorded.
 */
import { Injectable } from '@nestjs/common';
import { DomainError, hasRole, pageSize, type Principal } from '@cpx/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { resolveAlertCaller, type AlertCaller } from '../access/alert-caller';
import { assertAllowed, canSee, relationTo } from '../access/alert-policy';
import { alertCursor, alertKeyOf, type AlertKey, type AlertList } from './alert-cursors';
import { AlertUpdateEntity } from './alert.entities';
import { loadAlert, type LoadedAlert } from './alert-store';
import { appendAudit } from '../audit/audit-log';

export interface AlertSearch {
  status?: string;
  kind?: string;
  urgency?: string;
  country?: string;
  overdueOnly?: boolean;
  first?: number;
  after?: string;
}

export interface AlertPage {
  items: LoadedAlert[];
  endCursor: string;
  hasNextPage: boolean;
  totalCount: number;
}

export interface CountryFigures {
  country: string;
  open: number;
  overdue: number;
  acknowledged: number;
  medianSecondsToAcknowledge: number;
}

@Injectable()
export class FindAlertsUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async byId(id: string, principal: Principal): Promise<{ loaded: LoadedAlert; updates: AlertUpdateEntity[] }> {
    const manager = this.dataSource.manager;
    const loaded = await loadAlert(manager, id);
    const caller = await resolveAlertCaller(principal, manager);
    const relation = relationTo(caller, { originAgencyId: loaded.alert.originAgencyId, recipients: loaded.recipients });
    assertAllowed(canSee(relation), 'see', relation);
    const updates = await manager.find(AlertUpdateEntity, { where: { alertId: id }, order: { createdAt: 'ASC' } });
    await this.dataSource.transaction((transaction) =>
      appendAudit(transaction, { actorSubject: principal.subject, alertId: id, action: 'ALERT_READ', details: { relation } }),
    );
    return { loaded, updates };
  }

  async search(filter: AlertSearch, principal: Principal): Promise<AlertPage> {
    const manager = this.dataSource.manager;
    const caller = await resolveAlertCaller(principal, manager);
    const limit = pageSize(filter.first);
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    where.push(visibleTo(caller, param));
    if (filter.status) where.push(`a.status = ${param(filter.status)}`);
    if (filter.kind) where.push(`a.kind = ${param(filter.kind)}`);
    if (filter.urgency) where.push(`a.urgency = ${param(filter.urgency)}`);
    if (filter.country) {
      const country = param(filter.country);
      where.push(`(a.origin_country = ${country} OR EXISTS (SELECT 1 FROM alert_target t WHERE t.alert_id = a.id AND t.country = ${country}))`);
    }
    if (filter.overdueOnly) {
      where.push(`a.status IN ('POSTED', 'IN_PROGRESS') AND EXISTS (SELECT 1 FROM alert_target t WHERE t.alert_id = a.id AND t.acknowledged_at IS NULL AND t.deadline < now())`);
    }
    return this.page(manager, principal.subject, 'alerts', where, params, filter.after, limit, 'a.posted_at DESC, a.id DESC', (after) =>
      `(a.posted_at, a.id) < (${param(after.at)}, ${param(after.id)})`,
    ({ alert }) => ({ at: alert.postedAt, id: alert.id }));
  }

  /** Open alerts awaiting acknowledgement by the caller's country that the caller may acknowledge; most overdue first. */
  async inbox(page: { first?: number; after?: string }, principal: Principal): Promise<AlertPage> {
    const manager = this.dataSource.manager;
    const caller = await resolveAlertCaller(principal, manager);
    if (!caller.professional || !caller.agency) return { items: [], endCursor: '', hasNextPage: false, totalCount: 0 };
    const limit = pageSize(page.first);
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const country = param(caller.agency.country.trim());
    const subject = param(caller.principal.subject);
    const asAdmin = hasRole(caller.principal, 'agency_admin') ? ` OR r.agency_id = ${param(caller.agency.id)}` : '';
    const where = [
      `a.status IN ('POSTED', 'IN_PROGRESS')`,
      `EXISTS (SELECT 1 FROM alert_recipient r WHERE r.alert_id = a.id AND r.country = ${country} AND (r.subject = ${subject}${asAdmin}))`,
      `EXISTS (SELECT 1 FROM alert_target t WHERE t.alert_id = a.id AND t.country = ${country} AND t.acknowledged_at IS NULL)`,
    ];
    const deadlineOf = `(SELECT t.deadline FROM alert_target t WHERE t.alert_id = a.id AND t.country = ${country})`;
    return this.page(manager, principal.subject, 'inbox', where, params, page.after, limit, `${deadlineOf} ASC, a.id ASC`, (after) =>
      `(${deadlineOf}, a.id) > (${param(after.at)}, ${param(after.id)})`,
    ({ alert, targets }) => ({ at: targets.find((t) => t.country.trim() === caller.agency!.country.trim())!.deadline, id: alert.id }));
  }

  async figures(since: Date | undefined, principal: Principal): Promise<CountryFigures[]> {
    const manager = this.dataSource.manager;
    const caller = await resolveAlertCaller(principal, manager);
    if (caller.principal.roles.length === 0) throw DomainError.forbidden('You have no role in CPX.');
    // Counts and timings only: no alert, no child, no text.
    const rows: { country: string; open: string; overdue: string; acknowledged: string; median: string | null }[] = await manager.query(
      `SELECT t.country,
              count(*) FILTER (WHERE a.status IN ('POSTED', 'IN_PROGRESS')) AS open,
              count(*) FILTER (WHERE a.status IN ('POSTED', 'IN_PROGRESS') AND t.acknowledged_at IS NULL AND t.deadline < now()) AS overdue,
              count(t.acknowledged_at) AS acknowledged,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.acknowledged_at - a.posted_at))
                FILTER (WHERE t.acknowledged_at IS NOT NULL) AS median
         FROM alert_target t JOIN alert a ON a.id = t.alert_id
        WHERE a.posted_at >= $1
        GROUP BY t.country ORDER BY t.country`,
      [since ?? new Date(0)],
    );
    return rows.map((row) => ({
      country: row.country.trim(),
      open: Number(row.open),
      overdue: Number(row.overdue),
      acknowledged: Number(row.acknowledged),
      medianSecondsToAcknowledge: row.median === null ? 0 : Math.round(Number(row.median)),
    }));
  }

  private async page(
    manager: EntityManager,
    subject: string,
    list: AlertList,
    where: string[],
    params: unknown[],
    after: string | undefined,
    limit: number,
    order: string,
    afterClause: (after: AlertKey) => string,
    keyOf: (loaded: LoadedAlert) => AlertKey,
  ): Promise<AlertPage> {
    // Checked before any query: a cursor that is not this list's is refused, not run.
    const afterKey = alertKeyOf(list, after);
    const countRows: { n: string }[] = await manager.query(`SELECT count(*) AS n FROM alert a WHERE ${where.join(' AND ')}`, params);
    const pageWhere = afterKey ? [...where, afterClause(afterKey)] : where;
    const ids: { id: string }[] = await manager.query(
      `SELECT a.id FROM alert a WHERE ${pageWhere.join(' AND ')} ORDER BY ${order} LIMIT ${limit + 1}`,
      params,
    );
    const items = await Promise.all(ids.slice(0, limit).map(({ id }) => loadAlert(manager, id)));
    if (items.length > 0) {
      await this.dataSource.transaction((transaction) =>
        appendAudit(transaction, { actorSubject: subject, alertId: null, action: 'ALERTS_LISTED', details: { list, alertIds: items.map(({ alert }) => alert.id) } }),
      );
    }
    const last = items.at(-1);
    return {
      items,
      endCursor: last ? alertCursor(list, keyOf(last)) : '',
      hasNextPage: ids.length > limit,
      totalCount: Number(countRows[0]?.n ?? 0),
    };
  }
}

/** The need-to-know rule of alert-policy.ts, as SQL over alert `a`. */
function visibleTo(caller: AlertCaller, param: (value: unknown) => string): string {
  if (hasRole(caller.principal, 'curator')) return 'TRUE';
  const acting = caller.professional?.status === 'VERIFIED' && caller.agency && hasRole(caller.principal, 'professional', 'agency_admin');
  if (!acting) return 'FALSE';
  const agency = param(caller.agency!.id);
  const subject = param(caller.principal.subject);
  const asAdmin = hasRole(caller.principal, 'agency_admin') ? ` OR r.agency_id = ${agency}` : '';
  return `(a.origin_agency_id = ${agency} OR EXISTS (SELECT 1 FROM alert_recipient r WHERE r.alert_id = a.id AND (r.subject = ${subject}${asAdmin})))`;
}
