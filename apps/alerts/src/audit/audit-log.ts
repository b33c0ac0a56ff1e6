/**
 * Appending to the audit log. An append runs inside the transaction of the operation it
 * records (a reveal and its entry commit together, or neither does), and locks the chain
 * head row first: appends from every instance queue there, so the log is one chain in one
 * order. The head stays locked until that transaction commits, so an append is the last
 * step of a use case, after everything that could wait.
 */
import type { EntityManager } from 'typeorm';
import { chainEntry, type AuditAction, type AuditDetails, type AuditEntry } from './domain/audit-chain';
import { insertEntry, lastHashOfAlert, lockChainHead } from './audit.store';

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
  const head = await lockChainHead(manager);
  const previousOfAlert = record.alertId ? await lastHashOfAlert(manager, record.alertId) : null;
  // The time is taken under the lock, so that times follow the sequence on one clock.
  const entry = chainEntry({ seq: (BigInt(head.seq) + 1n).toString(), at: new Date(), ...record }, head.hash, previousOfAlert);
  await insertEntry(manager, entry);
  return entry;
}
