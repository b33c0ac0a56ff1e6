/**
 * Closing of alerts resolved or cancelled long enough ago (ALERTS_CLOSE_AFTER_MS), a
 * batch at a time, each claimed with FOR UPDATE SKIP LOCKED and closed in the same
 * transaction as its AlertClosed event (see escalate-overdue-targets.usecase.ts).
 */
import { Inject, Injectable } from '@nestjs/common';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AlertsEvents } from '@cpx/contracts';
import { DataSource } from 'typeorm';
import { recordAlertEvent } from '../alerts/alert-events';
import { alertAudience, alertFacts } from '../alerts/alert.mapper';
import { claimEndedAlerts, loadAlert, updateAlertClosed } from '../alerts/alert.store';
import { AlertsConfig } from '../config/alerts.config';
import { DEADLINE_BATCH } from './escalate-overdue-targets.usecase';

@Injectable()
export class CloseEndedAlertsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(AlertsConfig) private readonly config: AlertsConfig,
  ) {}

  /** One batch; returns how many alerts it closed. */
  async execute(now = new Date()): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const ended = await claimEndedAlerts(manager, new Date(now.getTime() - this.config.ALERTS_CLOSE_AFTER_MS), DEADLINE_BATCH);
      for (const id of ended) {
        const loaded = await loadAlert(manager, id);
        loaded.alert.status = 'CLOSED';
        loaded.alert.closedAt = now;
        loaded.alert.updatedAt = now;
        loaded.alert.version += 1;
        await updateAlertClosed(manager, loaded.alert);
        await recordAlertEvent(manager, id, AlertsEvents.types.alertClosed, {
          alert: alertFacts(loaded.alert, loaded.targets.map((t) => t.country)),
          audience: alertAudience(loaded.alert, loaded.recipients),
          occurredAt: timestampFromDate(now),
        }, now);
      }
      return ended.length;
    });
  }
}
