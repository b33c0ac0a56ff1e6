/**
 * The originating agency lets one attaché (a curator) read the identity on this alert.
 * The grant is an entry of the audit log; `identity_grant` keeps only the current state
 * that a reveal checks. Granting again what was revoked lets the attaché in again; the
 * log keeps both grants.
 */
import { Injectable } from '@nestjs/common';
import type { Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { resolveAlertCaller } from '../access/alert-caller';
import { assertAllowed, canGrantIdentity, relationTo } from '../access/domain/alert-policy';
import { loadAlert } from '../alerts/alert.store';
import { assertChildOfAlertNotNamed } from '../alerts/child-of-alert-not-named';
import { appendAudit } from '../audit/audit-log';
import type { GrantIdentityAccessCommand } from './grant-identity-access.command';
import { IdentityVault } from './identity-vault';
import { updateGrantedAt, upsertGrant, type IdentityGrantRow } from './identity.store';

@Injectable()
export class GrantIdentityAccessUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: IdentityVault,
  ) {}

  async execute({ id, granteeSubject, reason }: GrantIdentityAccessCommand, principal: Principal): Promise<IdentityGrantRow> {
    return this.dataSource.transaction(async (manager) => {
      const loaded = await loadAlert(manager, id);
      const caller = await resolveAlertCaller(principal, manager);
      const relation = relationTo(caller, { originAgencyId: loaded.alert.originAgencyId, recipients: loaded.recipients });
      assertAllowed(canGrantIdentity(relation), 'grantIdentity', relation);
      await assertChildOfAlertNotNamed(manager, this.vault, id, [{ field: 'reason', text: reason }]);
      const grant: IdentityGrantRow = {
        alertId: id,
        granteeSubject,
        grantedBySubject: principal.subject,
        reason,
        grantedAt: new Date(),
        revokedAt: null,
        revokedBySubject: null,
      };
      // The grant's row first, the chain head last, as revoke does: one lock order, no deadlock.
      await upsertGrant(manager, grant);
      const entry = await appendAudit(manager, { actorSubject: principal.subject, alertId: id, action: 'IDENTITY_GRANTED', details: { granteeSubject, reason } });
      grant.grantedAt = entry.at;
      await updateGrantedAt(manager, id, granteeSubject, entry.at);
      return grant;
    });
  }
}
