/**
 * Escalation of target countries that missed their acknowledgement deadline: level 1
 * reaches the country's national focal points, level 2 the regional attaché (told by the
 * AlertEscalated event). Run by every instance on a timer (alert-scheduler.ts): deadlines
 * live in Postgres, so they survive restarts, and each due row is claimed with FOR UPDATE
 * SKIP LOCKED and changed in the same transaction as its event, so with any number of
 * instances every step happens exactly once.
 */
import { Inject, Injectable } from '@nestjs/common';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AlertsEvents } from '@cpx/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { recordAlertEvent } from '../alerts/alert-events';
import { alertAudience, alertFacts } from '../alerts/alert.mapper';
import { claimDueTargets, insertRecipients, updateEscalation } from '../alerts/alert-target.store';
import { bumpVersion, loadAlert, type AlertRecipientRow } from '../alerts/alert.store';
import { acknowledgementWindowMs, nextEscalationAt, type Urgency } from '../alerts/domain/alert-lifecycle';
import { AlertsConfig } from '../config/alerts.config';
import { newRecipients } from '../routing/domain/recipients';
import { nationalFocalPoints } from '../routing/recipient.store';

/** Rows claimed per pass: a short transaction, and other instances take the rest. */
export const DEADLINE_BATCH = 20;

@Injectable()
export class EscalateOverdueTargetsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(AlertsConfig) private readonly config: AlertsConfig,
  ) {}

  /** One batch of what is due; returns how many targets it escalated. */
  async execute(now = new Date()): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due = await claimDueTargets(manager, now, DEADLINE_BATCH);
      for (const row of due) await this.escalate(manager, row.alertId, row.country.trim(), row.escalationLevel + 1, now);
      return due.length;
    });
  }

  private async escalate(manager: EntityManager, alertId: string, country: string, level: number, now: Date): Promise<void> {
    const loaded = await loadAlert(manager, alertId);
    const windowMs = acknowledgementWindowMs(loaded.alert.urgency as Urgency, {
      CRITICAL: this.config.ALERTS_ACK_CRITICAL_MS,
      HIGH: this.config.ALERTS_ACK_HIGH_MS,
      NORMAL: this.config.ALERTS_ACK_NORMAL_MS,
    });
    if (level === 1) {
      const added = newRecipients(loaded.recipients, await nationalFocalPoints(manager, country));
      if (added.length > 0) {
        const rows: AlertRecipientRow[] = added.map((recipient) => ({ alertId, ...recipient, addedAt: now }));
        await insertRecipients(manager, rows);
        loaded.recipients.push(...rows);
      }
    }
    await updateEscalation(manager, alertId, country, level, nextEscalationAt(level, now, windowMs));
    const target = loaded.targets.find((candidate) => candidate.country.trim() === country)!;
    // Escalating changes the alert (its deadline level, perhaps its recipients).
    loaded.alert.version = await bumpVersion(manager, alertId, now);
    loaded.alert.updatedAt = now;
    await recordAlertEvent(
      manager,
      alertId,
      AlertsEvents.types.alertEscalated,
      {
        alert: alertFacts(loaded.alert, loaded.targets.map((t) => t.country)),
        audience: alertAudience(loaded.alert, loaded.recipients),
        country,
        level,
        deadline: timestampFromDate(target.deadline),
        occurredAt: timestampFromDate(now),
      },
      now,
    );
  }
}
