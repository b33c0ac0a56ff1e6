/**
 * The originating agency takes back an attaché's access to the identity; the grant stays
 * in the log, followed by its revocation. Revoking what is revoked changes nothing, and
 * records nothing.
 */
import { Injectable } from '@nestjs/common';
import { DomainError, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { resolveAlertCaller } from '../access/alert-caller';
import { assertAllowed, canGrantIdentity, relationTo } from '../access/domain/alert-policy';
import { loadAlert } from '../alerts/alert.store';
import { appendAudit } from '../audit/audit-log';
import { lockGrant, updateGrantRevoked, type IdentityGrantRow } from './identity.store';
import type { RevokeIdentityAccessCommand } from './revoke-identity-access.command';

@Injectable()
export class RevokeIdentityAccessUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ id, granteeSubject }: RevokeIdentityAccessCommand, principal: Principal): Promise<IdentityGrantRow> {
    return this.dataSource.transaction(async (manager) => {
      const loaded = await loadAlert(manager, id);
      const caller = await resolveAlertCaller(principal, manager);
      const relation = relationTo(caller, { originAgencyId: loaded.alert.originAgencyId, recipients: loaded.recipients });
      assertAllowed(canGrantIdentity(relation), 'grantIdentity', relation);
      const grant = await lockGrant(manager, id, granteeSubject);
      if (!grant) throw DomainError.notFound('Identity grant', granteeSubject);
      if (grant.revokedAt) return grant;
      const entry = await appendAudit(manager, { actorSubject: principal.subject, alertId: id, action: 'IDENTITY_REVOKED', details: { granteeSubject } });
      grant.revokedAt = entry.at;
      grant.revokedBySubject = principal.subject;
      await updateGrantRevoked(manager, grant);
      return grant;
    });
  }
}
