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
import { chainHead, entriesAfter, entriesOfAlert, entryAt, lastHashesOfAlertsUpTo, type ChainHead } from './audit.store';
import type { CheckAuditIntegrityCommand } from './check-audit-integrity.command';
import { anchorHolds, GlobalChainWalk, verifyAlertChain, type AuditVerdict } from './domain/audit-chain';

const BATCH = 1_000;

@Injectable()
export class CheckAuditIntegrityUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ alertId, from }: CheckAuditIntegrityCommand, principal: Principal): Promise<AuditVerdict & { head: ChainHead }> {
    if (!hasRole(principal, 'auditor')) throw DomainError.forbidden('Only auditors check the audit log.');
    if (from && alertId) throw DomainError.badInput('fromSeq', 'fromSeq: a kept head is checked with the whole log, not with one alert.');
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const checkedAgainst = await chainHead(manager);
      if (alertId) return { ...verifyAlertChain(await entriesOfAlert(manager, alertId)), head: checkedAgainst };
      if (from) {
        const anchor = await entryAt(manager, from.seq);
        if (!anchorHolds(anchor, from)) {
          return { ok: false, checked: anchor ? 1 : 0, broken: { seq: from.seq, alertId: anchor?.alertId ?? null, reason: 'ANCHOR_MISMATCH' as const }, head: checkedAgainst };
        }
      }
      const walk = new GlobalChainWalk(from);
      const seeded = new Set<string>();
      let after = from?.seq ?? '0';
      for (;;) {
        const entries = await entriesAfter(manager, after, BATCH);
        if (entries.length === 0) break;
        if (from) {
          // Each alert's last hash up to the kept head, which the earlier check verified.
          const unseen = [...new Set(entries.map((entry) => entry.alertId).filter((id): id is string => !!id && !seeded.has(id)))];
          for (const last of await lastHashesOfAlertsUpTo(manager, unseen, from.seq)) walk.alertLastHash(last.alertId, last.hash);
          for (const id of unseen) seeded.add(id);
        }
        if (!walk.accept(entries)) break;
        after = entries.at(-1)!.seq;
      }
      return { ...walk.finish(checkedAgainst), head: checkedAgainst };
    });
  }
}
