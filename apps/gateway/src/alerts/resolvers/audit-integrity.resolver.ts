/**
 * The auditor's check of the alerts service's audit log. The alerts service decides
 * who may run it (auditors) and does the work; this resolver only forwards and maps.
 */
import { Args, Query, Resolver } from '@nestjs/graphql';
import { AlertsRequests, AuditBreakReason } from '@cpx/contracts';
import type { Principal } from '@cpx/platform';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import { requiredEnumName } from '../../graphql/proto-values';
import { ServiceClient } from '../../messaging/service.client';
import { AuditIntegrityArgs } from '../inputs/alert-args.input';
import { AuditIntegrityObject } from '../types/audit-integrity.type';

@Resolver(() => AuditIntegrityObject)
export class AuditIntegrityResolver {
  constructor(private readonly service: ServiceClient) {}

  @Query(() => AuditIntegrityObject, {
    description:
      'For auditors: checks that the audit log of grants, revocations, identity reads, refused reveals and alert reads is intact (nothing altered, deleted or re-ordered), across the log or for one alert. Keep headSeq and headHash, and pass them as fromSeq and fromHash next time: that check is short, and shows a log rewritten since.',
  })
  async auditIntegrity(@Args() { alertId, fromSeq, fromHash }: AuditIntegrityArgs, @CurrentPrincipal() principal: Principal): Promise<AuditIntegrityObject> {
    const verdict = await this.service.send(
      AlertsRequests.checkAuditIntegrity,
      { alertId: alertId ?? '', fromSeq: fromSeq ? BigInt(fromSeq) : 0n, fromHash: fromHash ? Buffer.from(fromHash, 'hex') : new Uint8Array() },
      principal,
    );
    const broken = verdict.firstBreak;
    return {
      ok: verdict.ok,
      checkedEntries: Number(verdict.checkedEntries),
      firstBreak: broken
        ? { seq: broken.seq.toString(), alertId: broken.alertId || null, reason: requiredEnumName(AuditBreakReason, broken.reason, 'firstBreak.reason') }
        : null,
      headSeq: verdict.headSeq.toString(),
      headHash: Buffer.from(verdict.headHash).toString('hex'),
    };
  }
}
