/**
 * Reading a child's identity: only the parties to the alert, only with a stated
 * purpose, and the read is recorded in the audit log in the same transaction that opens
 * the record — a read that is not audited does not happen. A refused attempt is recorded
 * too (who, which alert, why), and committed although the caller is refused.
 */
import { Injectable } from '@nestjs/common';
import { fromBinary, type MessageShape } from '@bufbuild/protobuf';
import { ChildIdentitySchema } from '@cpx/contracts';
import { DomainError, isDomainError, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { resolveAlertCaller } from '../access/alert-caller';
import { assertAllowed, canReadIdentity, relationTo } from '../access/domain/alert-policy';
import type { AlertCaller } from '../access/domain/caller';
import { loadAlert } from '../alerts/alert.store';
import { assertChildOfAlertNotNamed } from '../alerts/child-of-alert-not-named';
import { appendAudit } from '../audit/audit-log';
import { IdentityVault } from './identity-vault';
import { holdsGrant, sealedIdentityOf } from './identity.store';
import type { RevealAlertIdentityCommand } from './reveal-alert-identity.command';

type RevealOutcome = { child: MessageShape<typeof ChildIdentitySchema> } | { refused: DomainError };

@Injectable()
export class RevealAlertIdentityUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: IdentityVault,
  ) {}

  async execute({ id, purpose }: RevealAlertIdentityCommand, principal: Principal): Promise<MessageShape<typeof ChildIdentitySchema>> {
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
      // The grant is read FOR SHARE: the log never shows a read after the revocation that
      // should have stopped it (identity.store.ts).
      const granted = relation === 'attache' && (await holdsGrant(manager, id, principal.subject));
      if (!canReadIdentity(relation, granted)) {
        return refuse(forbiddenBy(() => assertAllowed(false, 'readIdentity', relation)), relation === 'attache' ? 'NO_GRANT' : 'NOT_ALLOWED', relation);
      }
      const sealed = await sealedIdentityOf(manager, id);
      if (!sealed) return refuse(DomainError.notFound('Child identity of alert', id), 'IDENTITY_ERASED', relation);
      await assertChildOfAlertNotNamed(manager, this.vault, id, [{ field: 'purpose', text: purpose }]);
      const child = fromBinary(ChildIdentitySchema, this.vault.open(id, sealed));
      await appendAudit(manager, {
        actorSubject: principal.subject,
        alertId: id,
        action: 'IDENTITY_READ',
        details: { purpose, readerAgencyId: caller.agency?.id ?? null, readerCountry: caller.agency?.country.trim() ?? '' },
      });
      return { child };
    });
    if ('refused' in outcome) throw outcome.refused;
    return outcome.child;
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
