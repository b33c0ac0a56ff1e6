/**
 * Reading a child's identity: only the parties to the alert, only with a stated
 * purpose, and the read is recorded in the same transaction that opens the record — a
 * read that is not audited does not happen. The originating agency sees who read it.
 */
import { Injectable } from '@nestjs/common';
import { fromBinary, type MessageShape } from '@bufbuild/protobuf';
import { ChildIdentitySchema } from '@cpx/contracts';
import { DomainError, hasRole, type Principal } from '@cpx/platform';
import { DataSource, IsNull } from 'typeorm';
import { resolveAlertCaller } from '../access/alert-caller';
import { assertAllowed, canGrantIdentity, canReadIdentity, relationTo } from '../access/alert-policy';
import { ChildIdentityEntity, IdentityGrantEntity, IdentityReadEntity } from '../alerts/alert.entities';
import { loadAlert } from '../alerts/alert-store';
import { assertChildOfAlertNotNamed } from '../alerts/child-not-named';
import { IdentityVault } from './identity-vault';

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
    return this.dataSource.transaction(async (manager) => {
      const loaded = await loadAlert(manager, id);
      const caller = await resolveAlertCaller(principal, manager);
      const relation = relationTo(caller, { originAgencyId: loaded.alert.originAgencyId, recipients: loaded.recipients });
      const granted = relation === 'attache' && (await manager.existsBy(IdentityGrantEntity, { alertId: id, granteeSubject: principal.subject, revokedAt: IsNull() }));
      assertAllowed(canReadIdentity(relation, granted), 'readIdentity', relation);
      const sealed = await manager.findOneBy(ChildIdentityEntity, { alertId: id });
      if (!sealed) throw DomainError.notFound('Child identity of alert', id);
      await assertChildOfAlertNotNamed(manager, this.vault, id, [{ field: 'purpose', text: trimmed }]);
      await manager.insert(IdentityReadEntity, {
        alertId: id,
        readerSubject: principal.subject,
        readerAgencyId: caller.agency?.id ?? null,
        readerCountry: caller.agency?.country.trim() ?? '',
        purpose: trimmed,
        readAt: new Date(),
      });
      return fromBinary(ChildIdentitySchema, this.vault.open(id, sealed));
    });
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
        // Granting again what was revoked lets the attaché in again.
        revokedAt: null,
        revokedBySubject: null,
      });
      await manager.upsert(IdentityGrantEntity, grant, ['alertId', 'granteeSubject']);
      return grant;
    });
  }

  /** The originating agency takes back an attaché's access; the grant is kept, marked revoked. */
  async revoke(id: string, granteeSubject: string, principal: Principal): Promise<IdentityGrantEntity> {
    if (!granteeSubject || granteeSubject.length > 255) throw DomainError.badInput('granteeSubject', 'granteeSubject must name the attaché.');
    return this.dataSource.transaction(async (manager) => {
      const loaded = await loadAlert(manager, id);
      const caller = await resolveAlertCaller(principal, manager);
      const relation = relationTo(caller, { originAgencyId: loaded.alert.originAgencyId, recipients: loaded.recipients });
      assertAllowed(canGrantIdentity(relation), 'grantIdentity', relation);
      const grant = await manager.findOne(IdentityGrantEntity, { where: { alertId: id, granteeSubject }, lock: { mode: 'pessimistic_write' } });
      if (!grant) throw DomainError.notFound('Identity grant', granteeSubject);
      if (grant.revokedAt) return grant;
      grant.revokedAt = new Date();
      grant.revokedBySubject = principal.subject;
      await manager.update(IdentityGrantEntity, { alertId: id, granteeSubject }, { revokedAt: grant.revokedAt, revokedBySubject: grant.revokedBySubject });
      return grant;
    });
  }

  /** Every grant on the alert, revoked ones included: for the originating agency and auditors. */
  async grants(id: string, principal: Principal): Promise<IdentityGrantEntity[]> {
    const manager = this.dataSource.manager;
    const loaded = await loadAlert(manager, id);
    const caller = await resolveAlertCaller(principal, manager);
    const relation = relationTo(caller, { originAgencyId: loaded.alert.originAgencyId, recipients: loaded.recipients });
    assertAllowed(relation === 'originator' || hasRole(principal, 'auditor'), 'seeIdentityReads', relation);
    return manager.find(IdentityGrantEntity, { where: { alertId: id }, order: { grantedAt: 'ASC' } });
  }

  /** Who read the identity: for the originating agency and for auditors. */
  async reads(id: string, principal: Principal): Promise<IdentityReadEntity[]> {
    const manager = this.dataSource.manager;
    const loaded = await loadAlert(manager, id);
    const caller = await resolveAlertCaller(principal, manager);
    const relation = relationTo(caller, { originAgencyId: loaded.alert.originAgencyId, recipients: loaded.recipients });
    assertAllowed(relation === 'originator' || hasRole(principal, 'auditor'), 'seeIdentityReads', relation);
    return manager.find(IdentityReadEntity, { where: { alertId: id }, order: { readAt: 'ASC' } });
  }
}
