/** Kafka adapter for the audit log's integrity check: decode, build the command, call the use case, encode. */
import { Controller } from '@nestjs/common';
import type { MessageShape } from '@bufbuild/protobuf';
import { AlertsRequests, AuditBreakReason } from '@cpx/contracts';
import { HandleRequest, type RequestContext } from '@cpx/platform';
import { CheckAuditIntegrityCommand } from './check-audit-integrity.command';
import { CheckAuditIntegrityUseCase } from './check-audit-integrity.usecase';

type Req<K extends keyof typeof AlertsRequests> = MessageShape<(typeof AlertsRequests)[K]['request']>;

@Controller()
export class AuditHandler {
  constructor(private readonly checkAuditIntegrity: CheckAuditIntegrityUseCase) {}

  @HandleRequest(AlertsRequests.checkAuditIntegrity)
  async auditIntegrity(request: Req<'checkAuditIntegrity'>, { principal }: RequestContext) {
    const verdict = await this.checkAuditIntegrity.execute(CheckAuditIntegrityCommand.from(request), principal);
    return {
      ok: verdict.ok,
      checkedEntries: BigInt(verdict.checked),
      firstBreak: verdict.broken
        ? { seq: BigInt(verdict.broken.seq), alertId: verdict.broken.alertId ?? '', reason: AuditBreakReason[verdict.broken.reason] }
        : undefined,
      headSeq: BigInt(verdict.head.seq),
      headHash: verdict.head.hash,
    };
  }
}
