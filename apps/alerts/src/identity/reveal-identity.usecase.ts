/**
 * Reading a child's identity: only the parties to the alert, only with a stated
 * purpose, and the read is recorded in the audit log in the same transaction that opens
 * the record — a read that is not audited does not happen. A refused attempt is recorded
 * too (who, which alert, why), and committed although the caller is refused. Grants and
 * revocations are entries of the same log; `identity_grant` keeps only the current state
 * that a reveal checks. The originating agency and auditors see the history.
 */
import { Injectable } from '@nestjs/common';
import { fromBinary, type MessageShape } from '@bufbuild/protobuf';
import { ChildIdentitySchema } from '@cpx/contracts';
import { DomainError, hasRole, isDomainError, type Principal } from '@cpx/platform';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { resolveAlertCaller, type AlertCaller } from '../access/alert-caller';
import { assertAllowed, canGrantIdentity, canReadIdentity, relationTo } from '../access/alert-policy';
import { ChildIdentityEntity, IdentityGrantEntity } from '../alerts/alert.entities';
import { loadAlert } from '../alerts/alert-store';
import { assertChildOfAlertNotNamed } from '../alerts/child-not-named';
import { alertAuditEntries, appendAudit } from '../audit/audit-log';
import { IdentityVault } from './identity-vault';
import { grantHistory, identityReadOf, type IdentityGrantView, type IdentityReadView } from './identity-history';

type RevealOutcome = { child: MessageShape<typeof ChildIdentitySchema> } | { refused: DomainError };

@Injectable()
export class RevealIdentityUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: IdentityVault,
  ) {}

  async execute(id: string, purpose: string, principal: Principal): Promise<MessageShape<typeof ChildIdentitySchema>> {
    const trimmed = purpose.normalize('NFC').trim();
    if (trimmed.length < 10 || trimmed.length > 500) {
      throw DomainError.badInput('purpose', 'purpose: say why you need the identity, in 10 to 500 characters.');
    }
    const outcome = await this.dataSource.transaction(async (manager): Promise<RevealOutcome> => {
      const loaded = await loadAlert(manager, id);
      // The refusal is recorded, never the purpose a refused caller gave: nothing was read for it.
      const refuse = async (refused: DomainError, reason: string, relation: string): Promise<RevealOutcome> => {
        await appendAudit(manager, { actorSubject: principal.subject, alertId: id, action: 'IDENTITY_READ_REFUSED', details: { reason, relation } });
        return { refused };
      };
      let caller: AlertCaller;
      try {
        caller = await resolveAlertCaller(principal, manager);
      } catch (error) {
        if (isDomainError(error) && error.code === 'FORBIDDEN') return refuse(error, 'SUSPENDED', 'none');
        throw error;
      }
      const relation = relationTo(caller, { originAgencyId: loaded.alert.originAgencyId, recipients: loaded.recipients });
      // FOR SHARE: a revocation under way commits first and is seen (the grant is then not
      // counted), or waits for this read to commit; the log never shows a read after the
      // revocation that should have stopped it.
      const granted =
        relation === 'attache' &&
        !!(await manager.findOne(IdentityGrantEntity, {
          where: { alertId: id, granteeSubject: principal.subject, revokedAt: IsNull() },
          lock: { mode: 'pessimistic_read' },
        }));
      if (!canReadIdentity(relation, granted)) {
        return refuse(forbiddenBy(() => assertAllowed(false, 'readIdentity', relation)), relation === 'attache' ? 'NO_GRANT' : 'NOT_ALLOWED', relation);
      }
      const sealed = await manager.findOneBy(ChildIdentityEntity, { alertId: id });
      if (!sealed) return refuse(DomainError.notFound('Child identity of alert', id), 'IDENTITY_ERASED', relation);
      await assertChildOfAlertNotNamed(manager, this.vault, id, [{ field: 'purpose', text: trimmed }]);
      const child = fromBinary(ChildIdentitySchema, this.vault.open(id, sealed));
      await appendAudit(manager, {
        actorSubject: principal.subject,
        alertId: id,
        action: 'IDENTITY_READ',
        details: { purpose: trimmed, readerAgencyId: caller.agency?.id ?? null, readerCountry: caller.agency?.country.trim() ?? '' },
      });
      return { child };
    });
    if ('refused' in outcome) throw outcome.refused;
    return outcome.child;
  }

  /** The originating agency lets one attaché (a curator) read the identity on this alert. */
  async grant(id: string, granteeSubject: string, reason: string, principal: Principal): Promise<IdentityGrantEntity> {
    const trimmed = reason.normalize('NFC').trim();
    if (trimmed.length < 10 || trimmed.length > 500) {
      throw DomainError.badInput('reason', 'reason: say why the attaché needs the identity, in 10 to 500 characters.');
    }
    if (!granteeSubject || granteeSubject.length > 255) throw DomainError.badInput('granteeSubject', 'granteeSubject must name the attaché.');
    return this.dataSource.transaction(async (manager) => {
      const loaded = await loadAlert(manager, id);
      const caller = await resolveAlertCaller(principal, manager);
      const relation = relationTo(caller, { originAgencyId: loaded.alert.originAgencyId, recipients: loaded.recipients });
      assertAllowed(canGrantIdentity(relation), 'grantIdentity', relation);
      await assertChildOfAlertNotNamed(manager, this.vault, id, [{ field: 'reason', text: trimmed }]);
      const grant = manager.create(IdentityGrantEntity, {
        alertId: id,
        granteeSubject,
        grantedBySubject: principal.subject,
        reason: trimmed,
        grantedAt: new Date(),
        // Granting again what was revoked lets the attaché in again; the log keeps both grants.
        revokedAt: null,
        revokedBySubject: null,
      });
      // The grant's row first, the chain head last, as revoke does: one lock order, no deadlock.
      await manager.upsert(IdentityGrantEntity, grant, ['alertId', 'granteeSubject']);
      const entry = await appendAudit(manager, { actorSubject: principal.subject, alertId: id, action: 'IDENTITY_GRANTED', details: { granteeSubject, reason: trimmed } });
      grant.grantedAt = entry.at;
      await manager.update(IdentityGrantEntity, { alertId: id, granteeSubject }, { grantedAt: entry.at });
      return grant;
    });
  }

  /** The originating agency takes back an attaché's access; the grant stays in the log, followed by its revocation. */
  async revoke(id: string, granteeSubject: string, principal: Principal): Promise<IdentityGrantEntity> {
    if (!granteeSubject || granteeSubject.length > 255) throw DomainError.badInput('granteeSubject', 'granteeSubject must name the attaché.');
    return this.dataSource.transaction(async (manager) => {
      const loaded = await loadAlert(manager, id);
      const caller = await resolveAlertCaller(principal, manager);
      const relation = relationTo(caller, { originAgencyId: loaded.alert.originAgencyId, recipients: loaded.recipients });
      assertAllowed(canGrantIdentity(relation), 'grantIdentity', relation);
      const grant = await manager.findOne(IdentityGrantEntity, { where: { alertId: id, granteeSubject }, lock: { mode: 'pessimistic_write' } });
      if (!grant) throw DomainError.notFound('Identity grant', granteeSubject);
      // Revoking what is revoked changes nothing, and records nothing.
      if (grant.revokedAt) return grant;
      const entry = await appendAudit(manager, { actorSubject: principal.subject, alertId: id, action: 'IDENTITY_REVOKED', details: { granteeSubject } });
      grant.revokedAt = entry.at;
      grant.revokedBySubject = principal.subject;
      await manager.update(IdentityGrantEntity, { alertId: id, granteeSubject }, { revokedAt: grant.revokedAt, revokedBySubject: grant.revokedBySubject });
      return grant;
    });
  }

  /** Every grant on the alert, as the log has them (a re-grant is a grant of its own), revoked ones marked. */
  async grants(id: string, principal: Principal): Promise<IdentityGrantView[]> {
    const manager = this.dataSource.manager;
    await this.assertMaySeeHistory(manager, id, principal);
    return grantHistory(await alertAuditEntries(manager, id, ['IDENTITY_GRANTED', 'IDENTITY_REVOKED']));
  }

  /** Who read the identity: for the originating agency and for auditors. */
  async reads(id: string, principal: Principal): Promise<IdentityReadView[]> {
    const manager = this.dataSource.manager;
    await this.assertMaySeeHistory(manager, id, principal);
    return (await alertAuditEntries(manager, id, ['IDENTITY_READ'])).map(identityReadOf);
  }

  private async assertMaySeeHistory(manager: EntityManager, id: string, principal: Principal): Promise<void> {
    const loaded = await loadAlert(manager, id);
    const caller = await resolveAlertCaller(principal, manager);
    const relation = relationTo(caller, { originAgencyId: loaded.alert.originAgencyId, recipients: loaded.recipients });
    assertAllowed(relation === 'originator' || hasRole(principal, 'auditor'), 'seeIdentityReads', relation);
  }
}

/** The FORBIDDEN error a refusing rule throws, caught to be answered after the refusal is recorded. */
function forbiddenBy(rule: () => void): DomainError {
  try {
    rule();
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  return DomainError.forbidden();
}
