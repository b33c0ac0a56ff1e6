/**
 * Ending an alert: resolved with an outcome, or cancelled, both by the originating agency
 * (a target country reports the child found instead: report-child-found.usecase.ts).
 * Escalation stops for every target; the alert closes later.
 */
import { Injectable } from '@nestjs/common';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AlertsEvents, Outcome } from '@cpx/contracts';
import { assertUnreachable, DomainError, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { resolveAlertCaller } from '../access/alert-caller';
import { assertAllowed, canCancel, canResolve, relationTo } from '../access/domain/alert-policy';
import { IdentityVault } from '../identity/identity-vault';
import { recordAlertEvent } from './alert-events';
import { alertAudience, alertFacts } from './alert.mapper';
import { stopEscalation } from './alert-target.store';
import { loadAlert, updateAlertEnding, type LoadedAlert } from './alert.store';
import { assertChildOfAlertNotNamed } from './child-of-alert-not-named';
import { refusal, type AlertStatus } from './domain/alert-lifecycle';
import type { EndAlertCommand } from './end-alert.command';

@Injectable()
export class EndAlertUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: IdentityVault,
  ) {}

  async execute({ id, ending, expectedVersion }: EndAlertCommand, principal: Principal): Promise<LoadedAlert> {
    return this.dataSource.transaction(async (manager) => {
      const loaded = await loadAlert(manager, id, { lock: true });
      const caller = await resolveAlertCaller(principal, manager);
      const relation = relationTo(caller, { originAgencyId: loaded.alert.originAgencyId, recipients: loaded.recipients });
      assertAllowed(ending.kind === 'resolve' ? canResolve(relation) : canCancel(relation), ending.kind, relation);
      if (expectedVersion !== undefined && expectedVersion !== loaded.alert.version) {
        throw DomainError.conflict(`The alert changed meanwhile (version ${loaded.alert.version}); reload and try again.`, 'expectedVersion');
      }
      const why = refusal(loaded.alert.status as AlertStatus, ending.kind);
      if (why) throw DomainError.conflict(why);
      // The note or reason is shown with the alert in clear, to attachés too: no names of the child.
      await assertChildOfAlertNotNamed(manager, this.vault, id, [
        ending.kind === 'resolve' ? { field: 'note', text: ending.note } : { field: 'reason', text: ending.reason },
      ]);

      const now = new Date();
      const alert = loaded.alert;
      alert.status = ending.kind === 'resolve' ? 'RESOLVED' : 'CANCELLED';
      alert.outcome = ending.kind === 'resolve' ? ending.outcome : '';
      alert.outcomeNote = (ending.kind === 'resolve' ? ending.note : ending.reason).normalize('NFC').trim();
      alert.endedAt = now;
      alert.updatedAt = now;
      alert.version += 1;
      await updateAlertEnding(manager, alert);
      await stopEscalation(manager, id);
      for (const target of loaded.targets) target.nextEscalationAt = null;
      const facts = alertFacts(alert, loaded.targets.map((t) => t.country));
      const audience = alertAudience(alert, loaded.recipients);
      switch (ending.kind) {
        case 'resolve':
          await recordAlertEvent(manager, id, AlertsEvents.types.alertResolved, {
            alert: facts,
            audience,
            outcome: Outcome[ending.outcome as keyof typeof Outcome],
            occurredAt: timestampFromDate(now),
          }, now);
          break;
        case 'cancel':
          await recordAlertEvent(manager, id, AlertsEvents.types.alertCancelled, { alert: facts, audience, occurredAt: timestampFromDate(now) }, now);
          break;
        default:
          assertUnreachable(ending);
      }
      return loaded;
    });
  }
}
