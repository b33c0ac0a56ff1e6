/**
 * The SQL of the audit log: the entries, append-only (a trigger refuses UPDATE, DELETE and
 * TRUNCATE; the service's runtime role holds neither privilege, ADR 10), and the chain
 * head, one row that every append locks so that appends from every instance make one
 * chain. No entry holds a child's identity: erasing it at retention touches nothing here.
 * Tables: migration 1765300000100.
 */
import { queryPrepared } from '@cpx/platform';
import type { EntityManager } from 'typeorm';
import type { AuditAction, AuditDetails, AuditEntry } from './domain/audit-chain';

/** The last entry of the log: its sequence number and hash. */
export interface ChainHead {
  seq: string;
  hash: Buffer;
}

/** The columns of an entry, in the order `auditEntryOf` reads them. */
export const AUDIT_COLUMNS = 'seq, at, actor_subject, alert_id, action, details, prev_hash_global, prev_hash_alert, hash';

export interface AuditRow {
  seq: string;
  at: Date;
  actor_subject: string;
  alert_id: string | null;
  action: string;
  details: AuditDetails;
  prev_hash_global: Buffer;
  prev_hash_alert: Buffer | null;
  hash: Buffer;
}

export function auditEntryOf(row: AuditRow): AuditEntry {
  return {
    seq: String(row.seq),
    at: row.at,
    actorSubject: row.actor_subject,
    alertId: row.alert_id,
    action: row.action as AuditAction,
    details: row.details,
    prevHashGlobal: row.prev_hash_global,
    prevHashAlert: row.prev_hash_alert,
    hash: row.hash,
  };
}

/** The chain head, locked (FOR UPDATE) until the transaction commits: appends queue here. */
export async function lockChainHead(manager: EntityManager): Promise<ChainHead> {
  const [head] = await queryPrepared<{ seq: string; hash: Buffer }>(manager, `SELECT seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE`, []);
  if (!head) throw new Error('audit_chain_head has no row: the audit migration did not run.');
  return head;
}

/** The chain head as this transaction's snapshot has it, unlocked (for a check). */
export async function chainHead(manager: EntityManager): Promise<ChainHead> {
  const [head] = await manager.query<{ seq: string; hash: Buffer }[]>(`SELECT seq, hash FROM audit_chain_head WHERE id = 1`);
  if (!head) throw new Error('audit_chain_head has no row: the audit migration did not run.');
  return { seq: String(head.seq), hash: head.hash };
}

/** The hash of the alert's last entry, null when it has none. */
export async function lastHashOfAlert(manager: EntityManager, alertId: string): Promise<Buffer | null> {
  const [previous] = await queryPrepared<{ hash: Buffer }>(manager, `SELECT hash FROM audit_entry WHERE alert_id = $1 ORDER BY seq DESC LIMIT 1`, [alertId]);
  return previous?.hash ?? null;
}

/** The entry appended, and the chain head moved onto it. */
export async function insertEntry(manager: EntityManager, entry: AuditEntry): Promise<void> {
  await queryPrepared(
    manager,
    `INSERT INTO audit_entry (seq, at, actor_subject, alert_id, action, details, prev_hash_global, prev_hash_alert, hash)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9)`,
    [entry.seq, entry.at, entry.actorSubject, entry.alertId, entry.action, JSON.stringify(entry.details), entry.prevHashGlobal, entry.prevHashAlert, entry.hash],
  );
  await queryPrepared(manager, `UPDATE audit_chain_head SET seq = $1, hash = $2 WHERE id = 1`, [entry.seq, entry.hash]);
}

/** One alert's entries (of the given kinds, or all), oldest first. */
export async function entriesOfAlert(manager: EntityManager, alertId: string, actions?: readonly AuditAction[]): Promise<AuditEntry[]> {
  const rows = actions
    ? await manager.query<AuditRow[]>(`SELECT ${AUDIT_COLUMNS} FROM audit_entry WHERE alert_id = $1 AND action = ANY($2) ORDER BY seq`, [alertId, actions])
    : await manager.query<AuditRow[]>(`SELECT ${AUDIT_COLUMNS} FROM audit_entry WHERE alert_id = $1 ORDER BY seq`, [alertId]);
  return rows.map(auditEntryOf);
}

export async function entryAt(manager: EntityManager, seq: string): Promise<AuditEntry | undefined> {
  const [row] = await manager.query<AuditRow[]>(`SELECT ${AUDIT_COLUMNS} FROM audit_entry WHERE seq = $1`, [seq]);
  return row && auditEntryOf(row);
}

/** The next entries after a sequence number, in order. */
export async function entriesAfter(manager: EntityManager, seq: string, limit: number): Promise<AuditEntry[]> {
  const rows = await manager.query<AuditRow[]>(`SELECT ${AUDIT_COLUMNS} FROM audit_entry WHERE seq > $1 ORDER BY seq LIMIT ${Number(limit)}`, [seq]);
  return rows.map(auditEntryOf);
}

/** Each of these alerts' last hash up to (and including) a sequence number. */
export async function lastHashesOfAlertsUpTo(manager: EntityManager, alertIds: readonly string[], seq: string): Promise<{ alertId: string; hash: Buffer }[]> {
  const rows = await manager.query<{ alert_id: string; hash: Buffer }[]>(
    `SELECT DISTINCT ON (alert_id) alert_id, hash FROM audit_entry
      WHERE alert_id = ANY($1::uuid[]) AND seq <= $2 ORDER BY alert_id, seq DESC`,
    [alertIds, seq],
  );
  return rows.map((row) => ({ alertId: row.alert_id, hash: row.hash }));
}

export interface IdentityReadFilter {
  readerSubject?: string;
  alertId?: string;
  since?: Date;
  until?: Date;
}

/**
 * IDENTITY_READ entries across alerts, newest first (by sequence number), before a
 * position if given: up to `limit + 1` (one more tells there is a next page), and how
 * many match the filter.
 */
export async function identityReadEntries(
  manager: EntityManager,
  filter: IdentityReadFilter,
  before: string | undefined,
  limit: number,
): Promise<{ entries: AuditEntry[]; totalCount: number }> {
  const where = [`action = 'IDENTITY_READ'`];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.readerSubject) where.push(`actor_subject = ${param(filter.readerSubject)}`);
  if (filter.alertId) where.push(`alert_id = ${param(filter.alertId)}`);
  if (filter.since) where.push(`at >= ${param(filter.since)}`);
  if (filter.until) where.push(`at < ${param(filter.until)}`);
  const [{ n }] = (await manager.query<{ n: string }[]>(`SELECT count(*) AS n FROM audit_entry WHERE ${where.join(' AND ')}`, params)) as [{ n: string }];
  if (before) where.push(`seq < ${param(before)}`);
  const rows = await manager.query<AuditRow[]>(
    `SELECT ${AUDIT_COLUMNS} FROM audit_entry WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ${Number(limit) + 1}`,
    params,
  );
  return { entries: rows.map(auditEntryOf), totalCount: Number(n) };
}
