/**
 * CheckAuditIntegrity's input: one alert's chain, or the whole log, optionally from a head
 * the auditor kept from an earlier check (both its sequence number and hash, or neither).
 */
import { DomainError, requireId } from '@cpx/platform';
import type { AlertsRequests } from '@cpx/contracts';
import type { MessageShape } from '@bufbuild/protobuf';

type Request = MessageShape<(typeof AlertsRequests)['checkAuditIntegrity']['request']>;

export class CheckAuditIntegrityCommand {
  alertId?: string;
  /** A head kept from an earlier check. */
  from?: { seq: string; hash: Buffer };

  static from(request: Request): CheckAuditIntegrityCommand {
    if (request.fromSeq < 0n || (request.fromSeq > 0n) !== (request.fromHash.length > 0)) {
      throw DomainError.badInput('fromSeq', 'fromSeq and fromHash: give both (a head kept from an earlier check), or neither.');
    }
    if (request.fromHash.length > 0 && request.fromHash.length !== 32) throw DomainError.badInput('fromHash', 'fromHash must be a SHA-256 hash (32 bytes).');
    return Object.assign(new CheckAuditIntegrityCommand(), {
      alertId: request.alertId ? requireId(request.alertId, 'alertId') : undefined,
      from: request.fromSeq > 0n ? { seq: request.fromSeq.toString(), hash: Buffer.from(request.fromHash) } : undefined,
    });
  }
}
