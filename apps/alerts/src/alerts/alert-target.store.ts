/**
 * The SQL of whom an alert reaches: its target countries (each with its deadline,
 * acknowledgement and escalation level) and its recipients in them (alert_target,
 * alert_recipient; migration 1764370000200). Rows as alert.store.ts declares them.
 */
import type { EntityManager } from 'typeorm';
import type { AlertRecipientRow, AlertTargetRow } from './alert.store';

/** A target country acknowledged: its escalation stops. */
export async function acknowledgeTarget(
  manager: EntityManager,
  target: Pick<AlertTargetRow, 'alertId' | 'country' | 'acknowledgedAt' | 'acknowledgedByAgencyId' | 'acknowledgedBySubject'>,
): Promise<void> {
  await manager.query(
    `UPDATE alert_target SET acknowledged_at = $3, acknowledged_by_agency_id = $4, acknowledged_by_subject = $5, next_escalation_at = NULL
      WHERE alert_id = $1 AND country = $2`,
    [target.alertId, target.country, target.acknowledgedAt, target.acknowledgedByAgencyId, target.acknowledgedBySubject],
  );
}

/** No escalation is due any more for any of the alert's targets (it ended). */
export async function stopEscalation(manager: EntityManager, alertId: string): Promise<void> {
  await manager.query(`UPDATE alert_target SET next_escalation_at = NULL WHERE alert_id = $1`, [alertId]);
}

/**
 * Targets past their acknowledgement deadline on open alerts, the most overdue first, each
 * claimed (FOR UPDATE SKIP LOCKED) so that every instance escalates different ones.
 */
export async function claimDueTargets(manager: EntityManager, now: Date, limit: number): Promise<{ alertId: string; country: string; escalationLevel: number }[]> {
  const rows: { alert_id: string; country: string; escalation_level: number }[] = await manager.query(
    `SELECT t.alert_id, t.country, t.escalation_level
       FROM alert_target t JOIN alert a ON a.id = t.alert_id
      WHERE t.next_escalation_at <= $1 AND t.acknowledged_at IS NULL AND a.status IN ('POSTED', 'IN_PROGRESS')
      ORDER BY t.next_escalation_at
      LIMIT ${Number(limit)}
      FOR UPDATE OF t SKIP LOCKED`,
    [now],
  );
  return rows.map((row) => ({ alertId: row.alert_id, country: row.country, escalationLevel: row.escalation_level }));
}

export async function updateEscalation(manager: EntityManager, alertId: string, country: string, level: number, nextAt: Date | null): Promise<void> {
  await manager.query(
    `UPDATE alert_target SET escalation_level = $3, next_escalation_at = $4 WHERE alert_id = $1 AND country = $2`,
    [alertId, country, level, nextAt],
  );
}

export async function insertRecipients(manager: EntityManager, recipients: readonly AlertRecipientRow[]): Promise<void> {
  if (recipients.length === 0) return;
  await manager.query(
    `INSERT INTO alert_recipient (alert_id, professional_id, country, agency_id, subject, reason, added_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::char(2)[], $4::uuid[], $5::text[], $6::text[], $7::timestamptz[])`,
    [
      recipients.map((recipient) => recipient.alertId),
      recipients.map((recipient) => recipient.professionalId),
      recipients.map((recipient) => recipient.country),
      recipients.map((recipient) => recipient.agencyId),
      recipients.map((recipient) => recipient.subject),
      recipients.map((recipient) => recipient.reason),
      recipients.map((recipient) => recipient.addedAt),
    ],
  );
}
