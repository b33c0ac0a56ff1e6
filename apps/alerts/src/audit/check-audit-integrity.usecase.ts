/**
 * The auditor's check of the audit log: recompute every entry's hash and follow both
 * chains, and say whether the log is intact or which entry is the first one broken
 * (altered, deleted, inserted or re-ordered). Across the whole log, or one alert's chain.
 * Reads one consistent snapshot (REPEATABLE READ), a batch of entries at a time.
 */
import { Injectable } from '@nestjs/common';
import { DomainError, hasRole, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { GlobalChainWalk, verifyAlertChain, type AuditVerdict } from './audit-chain';
import { AUDIT_COLUMNS, auditEntryOf, type AuditRow } from './audit-log';

const BATCH = 1_000;

@Injectable()
export class CheckAuditIntegrityUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(alertId: string | undefined, principal: Principal): Promise<AuditVerdict & { head: { seq: string; hash: Buffer } }> {
    if (!hasRole(principal, 'auditor')) throw DomainError.forbidden('Only auditors check the audit log.');
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [head] = await manager.query<{ seq: string; hash: Buffer }[]>(`SELECT seq, hash FROM audit_chain_head WHERE id = 1`);
      if (!head) throw new Error('audit_chain_head has no row: the audit migration did not run.');
      const checkedAgainst = { seq: String(head.seq), hash: head.hash };
      if (alertId) {
        const rows = await manager.query<AuditRow[]>(`SELECT ${AUDIT_COLUMNS} FROM audit_entry WHERE alert_id = $1 ORDER BY seq`, [alertId]);
        return { ...verifyAlertChain(rows.map(auditEntryOf)), head: checkedAgainst };
      }
      const walk = new GlobalChainWalk();
      let after = '0';
      for (;;) {
        const rows = await manager.query<AuditRow[]>(`SELECT ${AUDIT_COLUMNS} FROM audit_entry WHERE seq > $1 ORDER BY seq LIMIT ${BATCH}`, [after]);
        if (rows.length === 0 || !walk.accept(rows.map(auditEntryOf))) break;
        after = String(rows.at(-1)!.seq);
      }
      return { ...walk.finish(checkedAgainst), head: checkedAgainst };
    });
  }
}
