/**
 * Everything that happens to alerts because time passed, run by every instance of the
 * service on a timer:
 * - escalation of target countries that missed their acknowledgement deadline: level 1
 *   reaches the country's national focal points, level 2 the regional attaché;
 * - closing of alerts resolved or cancelled long enough ago;
 * - erasure of the child's identity once the retention period after closure is over;
 * - re-wrapping of identities under the active master key after a key rotation.
 *
 * Deadlines live in Postgres, not in memory, so they survive restarts. Each due row is
 * claimed with FOR UPDATE SKIP LOCKED and changed in the same transaction as its event,
 * so with any number of instances every step happens exactly once.
 */
import { Inject, Injectable } from '@nestjs/common';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AlertsEvents } from '@cpx/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { AlertsConfig } from '../config/alerts.config';
import { IdentityVault } from '../identity/identity-vault';
import { nationalFocalPoints } from '../routing/route-alert';
import { acknowledgementWindowMs, nextEscalationAt, type Urgency } from '../alerts/alert-lifecycle';
import { alertAudience, alertFacts } from '../alerts/alert-messages';
import { AlertEntity, AlertRecipientEntity, ChildIdentityEntity } from '../alerts/alert.entities';
import { bumpVersion, ERASED_TEXT, loadAlert, recordAlertEvent } from '../alerts/alert-store';

const BATCH = 20;

@Injectable()
export class AlertDeadlinesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: IdentityVault,
    @Inject(AlertsConfig) private readonly config: AlertsConfig,
  ) {}

  /** One pass over everything due; returns how many steps it took. */
  async runOnce(now = new Date()): Promise<number> {
    let steps = 0;
    steps += await this.escalateDue(now);
    steps += await this.closeEnded(now);
    steps += await this.eraseExpired(now);
    steps += await this.rewrapOldKeys();
    return steps;
  }

  async escalateDue(now: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due: { alert_id: string; country: string; escalation_level: number }[] = await manager.query(
        `SELECT t.alert_id, t.country, t.escalation_level
           FROM alert_target t JOIN alert a ON a.id = t.alert_id
          WHERE t.next_escalation_at <= $1 AND t.acknowledged_at IS NULL AND a.status IN ('POSTED', 'IN_PROGRESS')
          ORDER BY t.next_escalation_at
          LIMIT ${BATCH}
          FOR UPDATE OF t SKIP LOCKED`,
        [now],
      );
      for (const row of due) await this.escalate(manager, row.alert_id, row.country.trim(), row.escalation_level + 1, now);
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
      const known = new Set(loaded.recipients.map((recipient) => recipient.professionalId));
      const added = (await nationalFocalPoints(manager, country)).filter((recipient) => !known.has(recipient.professionalId));
      if (added.length > 0) {
        const rows = added.map((recipient) => manager.create(AlertRecipientEntity, { alertId, ...recipient, addedAt: now }));
        await manager.insert(AlertRecipientEntity, rows);
        loaded.recipients.push(...rows);
      }
    }
    await manager.query(
      `UPDATE alert_target SET escalation_level = $3, next_escalation_at = $4 WHERE alert_id = $1 AND country = $2`,
      [alertId, country, level, nextEscalationAt(level, now, windowMs)],
    );
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

  async closeEnded(now: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const cutoff = new Date(now.getTime() - this.config.ALERTS_CLOSE_AFTER_MS);
      const ended: { id: string }[] = await manager.query(
        `SELECT id FROM alert WHERE status IN ('RESOLVED', 'CANCELLED') AND ended_at <= $1
          ORDER BY ended_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
        [cutoff],
      );
      for (const { id } of ended) {
        const loaded = await loadAlert(manager, id);
        loaded.alert.status = 'CLOSED';
        loaded.alert.closedAt = now;
        loaded.alert.updatedAt = now;
        loaded.alert.version += 1;
        await manager.update(AlertEntity, { id }, { status: 'CLOSED', closedAt: now, updatedAt: now, version: loaded.alert.version });
        await recordAlertEvent(manager, id, AlertsEvents.types.alertClosed, {
          alert: alertFacts(loaded.alert, loaded.targets.map((t) => t.country)),
          audience: alertAudience(loaded.alert, loaded.recipients),
          occurredAt: timestampFromDate(now),
        }, now);
      }
      return ended.length;
    });
  }

  /**
   * Erases identity and photo after retention; the alert, its counts and timings stay. The
   * request digest goes too: it was computed over the child's record, and with it a
   * guessed identity could still be confirmed (a replay of the key is then a CONFLICT).
   * So do the alert's free texts (title, summary, outcome note or cancel reason, every
   * update's text and sighting place): the name guard keeps names out of them, but what
   * they tell of the child (where seen, with whom) is theirs as much as the record. Each is
   * replaced by ERASED_TEXT; which updates there were, sightings included, and when, stay.
   * The purposes and reasons of the audit (identity reads and grants) are the audit's.
   */
  async eraseExpired(now: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const cutoff = new Date(now.getTime() - this.config.ALERTS_IDENTITY_RETENTION_MS);
      const expired: { id: string }[] = await manager.query(
        `SELECT id FROM alert WHERE status = 'CLOSED' AND NOT identity_erased AND closed_at <= $1
          ORDER BY closed_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
        [cutoff],
      );
      for (const { id } of expired) {
        await manager.delete(ChildIdentityEntity, { alertId: id });
        await manager.query(
          `UPDATE alert SET identity_erased = true, request_digest = NULL, title = $2,
                  summary = CASE WHEN summary = '' THEN '' ELSE $2 END, outcome_note = CASE WHEN outcome_note = '' THEN '' ELSE $2 END
            WHERE id = $1`,
          [id, ERASED_TEXT],
        );
        await manager.query(
          `UPDATE alert_update SET text = $2, sighting_place = CASE WHEN sighting_place IS NULL THEN NULL ELSE $2 END WHERE alert_id = $1`,
          [id, ERASED_TEXT],
        );
        // The texts changed: a client holding the alert at an older version sees it did.
        await bumpVersion(manager, id, now);
        const loaded = await loadAlert(manager, id);
        await recordAlertEvent(manager, id, AlertsEvents.types.alertIdentityErased, {
          alert: alertFacts(loaded.alert, loaded.targets.map((t) => t.country)),
          occurredAt: timestampFromDate(now),
        }, now);
      }
      return expired.length;
    });
  }

  /** After a master-key rotation, moves identities to the active key a batch at a time. */
  async rewrapOldKeys(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const stale: ChildIdentityEntity[] = await manager
        .createQueryBuilder(ChildIdentityEntity, 'identity')
        .where('identity.key_id <> :active', { active: this.vault.activeKeyId })
        .limit(BATCH)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      for (const record of stale) {
        const rewrapped = this.vault.rewrap(record.alertId, record);
        if (rewrapped) await manager.update(ChildIdentityEntity, { alertId: record.alertId }, { keyId: rewrapped.keyId, wrappedKey: rewrapped.wrappedKey });
      }
      return stale.length;
    });
  }
}
