/**
 * Appending to the audit log and reading it back. An append runs inside the transaction
 * of the operation it records (a reveal and its entry commit together, or neither does),
 * and locks the chain head row first: appends from every instance queue there, so the
 * log is one chain in one order. The head stays locked until that transaction commits,
 * so an append is the last step of a use case, after everything that could wait.
 */
import { queryPrepared } from '@cpx/platform';
import type { EntityManager } from 'typeorm';
import { chainEntry, type AuditAction, type AuditDetails, type AuditEntry } from './audit-chain';

export interface AuditRecord {
  actorSubject: string;
  alertId: string | null;
  action: AuditAction;
  details: AuditDetails;
}

export async function appendAudit(manager: EntityManager, record: AuditRecord): Promise<AuditEntry> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('An audit entry is appended inside the transaction of what it records.');
  }
  const [head] = await queryPrepared<{ seq: string; hash: Buffer }>(manager, `SELECT seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE`, []);
  if (!head) throw new Error('audit_chain_head has no row: the audit migration did not run.');
  const [previousOfAlert] = record.alertId
    ? await queryPrepared<{ hash: Buffer }>(manager, `SELECT hash FROM audit_entry WHERE alert_id = $1 ORDER BY seq DESC LIMIT 1`, [record.alertId])
    : [];
  // The time is taken under the lock, so that times follow the sequence on one clock.
  const entry = chainEntry(
    { seq: (BigInt(head.seq) + 1n).toString(), at: new Date(), ...record },
    head.hash,
    previousOfAlert?.hash ?? null,
  );
  await queryPrepared(
    manager,
    `INSERT INTO audit_entry (seq, at, actor_subject, alert_id, action, details, prev_hash_global, prev_hash_alert, hash)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9)`,
    [entry.seq, entry.at, entry.actorSubject, entry.alertId, entry.action, JSON.stringify(entry.details), entry.prevHashGlobal, entry.prevHashAlert, entry.hash],
  );
  await queryPrepared(manager, `UPDATE audit_chain_head SET seq = $1, hash = $2 WHERE id = 1`, [entry.seq, entry.hash]);
  return entry;
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

/** One alert's entries of the given kinds, oldest first. */
export async function alertAuditEntries(manager: EntityManager, alertId: string, actions: readonly AuditAction[]): Promise<AuditEntry[]> {
  const rows = await manager.query<AuditRow[]>(
    `SELECT ${AUDIT_COLUMNS} FROM audit_entry WHERE alert_id = $1 AND action = ANY($2) ORDER BY seq`,
    [alertId, actions],
  );
  return rows.map(auditEntryOf);
}
