/**
 * The auditor's check of the audit log: recompute every entry's hash and follow both
 * chains, and say whether the log is intact or which entry is the first one broken
 * (altered, deleted, inserted or re-ordered). Across the whole log, or one alert's chain.
 * Reads one consistent snapshot (REPEATABLE READ), a batch of entries at a time.
 *
 * Given a head the auditor kept from an earlier check (`from`), it checks that this
 * entry is still in the log as it was, then only what was appended after it: a check
 * that stays short however long the log grows, and that also shows a log rewritten
 * wholesale (hashes recomputed, head included) by someone with the owner's rights.
 */
import { Injectable } from '@nestjs/common';
import { DomainError, hasRole, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { anchorHolds, GlobalChainWalk, verifyAlertChain, type AuditVerdict } from './audit-chain';
import { AUDIT_COLUMNS, auditEntryOf, type AuditRow } from './audit-log';

const BATCH = 1_000;

@Injectable()
export class CheckAuditIntegrityUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(
    alertId: string | undefined,
    principal: Principal,
    from?: { seq: string; hash: Buffer },
  ): Promise<AuditVerdict & { head: { seq: string; hash: Buffer } }> {
    if (!hasRole(principal, 'auditor')) throw DomainError.forbidden('Only auditors check the audit log.');
    if (from && alertId) throw DomainError.badInput('fromSeq', 'fromSeq: a kept head is checked with the whole log, not with one alert.');
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [head] = await manager.query<{ seq: string; hash: Buffer }[]>(`SELECT seq, hash FROM audit_chain_head WHERE id = 1`);
      if (!head) throw new Error('audit_chain_head has no row: the audit migration did not run.');
      const checkedAgainst = { seq: String(head.seq), hash: head.hash };
      if (alertId) {
        const rows = await manager.query<AuditRow[]>(`SELECT ${AUDIT_COLUMNS} FROM audit_entry WHERE alert_id = $1 ORDER BY seq`, [alertId]);
        return { ...verifyAlertChain(rows.map(auditEntryOf)), head: checkedAgainst };
      }
      if (from) {
        const [anchor] = await manager.query<AuditRow[]>(`SELECT ${AUDIT_COLUMNS} FROM audit_entry WHERE seq = $1`, [from.seq]);
        if (!anchorHolds(anchor && auditEntryOf(anchor), from)) {
          return { ok: false, checked: anchor ? 1 : 0, broken: { seq: from.seq, alertId: anchor?.alert_id ?? null, reason: 'ANCHOR_MISMATCH' as const }, head: checkedAgainst };
        }
      }
      const walk = new GlobalChainWalk(from);
      const seeded = new Set<string>();
      let after = from?.seq ?? '0';
      for (;;) {
        const rows = await manager.query<AuditRow[]>(`SELECT ${AUDIT_COLUMNS} FROM audit_entry WHERE seq > $1 ORDER BY seq LIMIT ${BATCH}`, [after]);
        if (rows.length === 0) break;
        if (from) {
          // Each alert's last hash up to the kept head, which the earlier check verified.
          const unseen = [...new Set(rows.map((row) => row.alert_id).filter((id): id is string => !!id && !seeded.has(id)))];
          const lasts = await manager.query<{ alert_id: string; hash: Buffer }[]>(
            `SELECT DISTINCT ON (alert_id) alert_id, hash FROM audit_entry
              WHERE alert_id = ANY($1::uuid[]) AND seq <= $2 ORDER BY alert_id, seq DESC`,
            [unseen, from.seq],
          );
          for (const last of lasts) walk.alertLastHash(last.alert_id, last.hash);
          for (const id of unseen) seeded.add(id);
        }
        if (!walk.accept(rows.map(auditEntryOf))) break;
        after = String(rows.at(-1)!.seq);
      }
      return { ...walk.finish(checkedAgainst), head: checkedAgainst };
    });
  }
}
