/**
 * The SQL of the alert lists (the alert list, the inbox) and of the per-country figures.
 * Lists are filtered in SQL by the caller's visibility (access/domain/caller.ts), so
 * nothing outside need-to-know is ever loaded; every value goes in as a parameter.
 */
import type { EntityManager } from 'typeorm';
import type { AlertVisibility } from '../access/domain/caller';
import type { AlertKey } from './domain/alert-cursors';

export interface AlertFilter {
  status?: string;
  kind?: string;
  urgency?: string;
  country?: string;
  overdueOnly?: boolean;
}

/** One page of a list: the ids of up to `limit + 1` alerts (one more tells there is a next page), and how many the whole list has. */
export interface AlertIdPage {
  ids: string[];
  totalCount: number;
}

/** The alert list, newest first, filtered in SQL by the caller's visibility (access/domain/caller.ts). */
export async function searchAlertIds(
  manager: EntityManager,
  visibility: AlertVisibility,
  filter: AlertFilter,
  after: AlertKey | undefined,
  limit: number,
): Promise<AlertIdPage> {
  const sql = new SqlParameters();
  const where = [visibleTo(visibility, sql)];
  if (filter.status) where.push(`a.status = ${sql.param(filter.status)}`);
  if (filter.kind) where.push(`a.kind = ${sql.param(filter.kind)}`);
  if (filter.urgency) where.push(`a.urgency = ${sql.param(filter.urgency)}`);
  if (filter.country) {
    const country = sql.param(filter.country);
    where.push(`(a.origin_country = ${country} OR EXISTS (SELECT 1 FROM alert_target t WHERE t.alert_id = a.id AND t.country = ${country}))`);
  }
  if (filter.overdueOnly) {
    where.push(`a.status IN ('POSTED', 'IN_PROGRESS') AND EXISTS (SELECT 1 FROM alert_target t WHERE t.alert_id = a.id AND t.acknowledged_at IS NULL AND t.deadline < now())`);
  }
  return pageOfIds(manager, sql, where, after, limit, 'a.posted_at DESC, a.id DESC', (key) => `(a.posted_at, a.id) < (${sql.param(key.at)}, ${sql.param(key.id)})`);
}

/**
 * The inbox: open alerts awaiting acknowledgement by the recipient's country that were
 * sent to them (or, for an agency admin, to their agency); most overdue first.
 */
export async function inboxAlertIds(
  manager: EntityManager,
  recipient: { country: string; subject: string; adminOfAgencyId?: string },
  after: AlertKey | undefined,
  limit: number,
): Promise<AlertIdPage> {
  const sql = new SqlParameters();
  const country = sql.param(recipient.country);
  const subject = sql.param(recipient.subject);
  const asAdmin = recipient.adminOfAgencyId ? ` OR r.agency_id = ${sql.param(recipient.adminOfAgencyId)}` : '';
  const where = [
    `a.status IN ('POSTED', 'IN_PROGRESS')`,
    `EXISTS (SELECT 1 FROM alert_recipient r WHERE r.alert_id = a.id AND r.country = ${country} AND (r.subject = ${subject}${asAdmin}))`,
    `EXISTS (SELECT 1 FROM alert_target t WHERE t.alert_id = a.id AND t.country = ${country} AND t.acknowledged_at IS NULL)`,
  ];
  const deadlineOf = `(SELECT t.deadline FROM alert_target t WHERE t.alert_id = a.id AND t.country = ${country})`;
  return pageOfIds(manager, sql, where, after, limit, `${deadlineOf} ASC, a.id ASC`, (key) => `(${deadlineOf}, a.id) > (${sql.param(key.at)}, ${sql.param(key.id)})`);
}

export interface CountryFiguresRow {
  country: string;
  open: number;
  overdue: number;
  acknowledged: number;
  medianSecondsToAcknowledge: number;
}

/** Per target country, for alerts posted since then: counts and timings only, no alert, no child, no text. */
export async function figuresByCountry(manager: EntityManager, since: Date): Promise<CountryFiguresRow[]> {
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
    [since],
  );
  return rows.map((row) => ({
    country: row.country.trim(),
    open: Number(row.open),
    overdue: Number(row.overdue),
    acknowledged: Number(row.acknowledged),
    medianSecondsToAcknowledge: row.median === null ? 0 : Math.round(Number(row.median)),
  }));
}

/** Numbered parameters for SQL assembled from fixed fragments: every value goes in as $n. */
class SqlParameters {
  readonly values: unknown[] = [];

  param(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

async function pageOfIds(
  manager: EntityManager,
  sql: SqlParameters,
  where: string[],
  after: AlertKey | undefined,
  limit: number,
  order: string,
  afterClause: (key: AlertKey) => string,
): Promise<AlertIdPage> {
  const countRows: { n: string }[] = await manager.query(`SELECT count(*) AS n FROM alert a WHERE ${where.join(' AND ')}`, sql.values);
  const pageWhere = after ? [...where, afterClause(after)] : where;
  const ids: { id: string }[] = await manager.query(
    `SELECT a.id FROM alert a WHERE ${pageWhere.join(' AND ')} ORDER BY ${order} LIMIT ${Number(limit) + 1}`,
    sql.values,
  );
  return { ids: ids.map((row) => row.id), totalCount: Number(countRows[0]?.n ?? 0) };
}

/** The need-to-know rule of access/domain/alert-policy.ts, as SQL over alert `a`. */
function visibleTo(visibility: AlertVisibility, sql: SqlParameters): string {
  switch (visibility.kind) {
    case 'all':
      return 'TRUE';
    case 'none':
      return 'FALSE';
    case 'parties': {
      const agency = sql.param(visibility.agencyId);
      const subject = sql.param(visibility.subject);
      const asAdmin = visibility.asAgencyAdmin ? ` OR r.agency_id = ${agency}` : '';
      return `(a.origin_agency_id = ${agency} OR EXISTS (SELECT 1 FROM alert_recipient r WHERE r.alert_id = a.id AND (r.subject = ${subject}${asAdmin})))`;
    }
  }
}
