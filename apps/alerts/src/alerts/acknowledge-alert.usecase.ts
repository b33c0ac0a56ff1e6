/**
 * A target country acknowledges: one of its recipients (or their agency admin) says
 * "we have it". The country's escalation stops; the first acknowledgement puts the
 * alert in progress. Acknowledging again changes nothing and is not an error.
 */
import { Injectable } from '@nestjs/common';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AlertsEvents } from '@cpx/contracts';
import { DomainError, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { resolveAlertCaller } from '../access/alert-caller';
import { assertAllowed, canAcknowledge, relationTo } from '../access/domain/alert-policy';
import { recordAlertEvent } from './alert-events';
import type { AlertIdCommand } from './alert-id.command';
import { alertAudience, alertFacts } from './alert.mapper';
import { acknowledgeTarget } from './alert-target.store';
import { loadAlert, updateAlertStatus, type LoadedAlert } from './alert.store';
import { refusal, statusAfterAcknowledgement, type AlertStatus } from './domain/alert-lifecycle';

@Injectable()
export class AcknowledgeAlertUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ id }: AlertIdCommand, principal: Principal): Promise<LoadedAlert> {
    return this.dataSource.transaction(async (manager) => {
      const loaded = await loadAlert(manager, id, { lock: true });
      const caller = await resolveAlertCaller(principal, manager);
      const relation = relationTo(caller, { originAgencyId: loaded.alert.originAgencyId, recipients: loaded.recipients });
      assertAllowed(canAcknowledge(relation), 'acknowledge', relation);
      const country = caller.agency!.country.trim();
      const target = loaded.targets.find((candidate) => candidate.country.trim() === country);
      if (!target) throw DomainError.forbidden('This alert was not sent to your country.');
      if (target.acknowledgedAt) return loaded;
      const why = refusal(loaded.alert.status as AlertStatus, 'acknowledge');
      if (why) throw DomainError.conflict(why);

      const now = new Date();
      target.acknowledgedAt = now;
      target.acknowledgedByAgencyId = caller.agency!.id;
      target.acknowledgedBySubject = principal.subject;
      target.nextEscalationAt = null;
      await acknowledgeTarget(manager, target);
      loaded.alert.status = statusAfterAcknowledgement(loaded.alert.status as AlertStatus);
      loaded.alert.updatedAt = now;
      loaded.alert.version += 1;
      await updateAlertStatus(manager, loaded.alert);
      await recordAlertEvent(
        manager,
        id,
        AlertsEvents.types.alertAcknowledged,
        {
          alert: alertFacts(loaded.alert, loaded.targets.map((t) => t.country)),
          audience: alertAudience(loaded.alert, loaded.recipients),
          country: target.country,
          agencyId: caller.agency!.id,
          occurredAt: timestampFromDate(now),
        },
        now,
      );
      return loaded;
    });
  }
}
