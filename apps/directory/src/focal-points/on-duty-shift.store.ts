/** All SQL of on-duty shifts (ADR 13): who answers for a country (and kind) between two instants. */
import type { EntityManager } from 'typeorm';

export interface OnDutyShiftRow {
  id: string;
  professionalId: string;
  country: string;
  /** AlertKind name, or `ANY` for every kind (alert-kinds.ts). */
  alertKind: string;
  startsAt: Date;
  endsAt: Date;
}

const COLUMNS = 'id, professional_id AS "professionalId", country, alert_kind AS "alertKind", starts_at AS "startsAt", ends_at AS "endsAt"';

export async function insertShift(manager: EntityManager, shift: OnDutyShiftRow): Promise<void> {
  await manager.query(
    'INSERT INTO on_duty_shift (id, professional_id, country, alert_kind, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [shift.id, shift.professionalId, shift.country, shift.alertKind, shift.startsAt, shift.endsAt],
  );
}

/** One shift, locked until the transaction ends: two admins ending it at once end it one after the other. */
export async function shiftForUpdate(manager: EntityManager, id: string): Promise<OnDutyShiftRow | null> {
  const rows: OnDutyShiftRow[] = await manager.query(`SELECT ${COLUMNS} FROM on_duty_shift WHERE id = $1 LIMIT 1 FOR UPDATE`, [id]);
  return rows[0] ?? null;
}

export async function setShiftEnd(manager: EntityManager, id: string, endsAt: Date): Promise<void> {
  await manager.query('UPDATE on_duty_shift SET ends_at = $2 WHERE id = $1', [id, endsAt]);
}

/** The shifts of a country for any of these kinds running at that instant, in no particular order. */
export async function shiftsRunningAt(manager: EntityManager, country: string, kinds: string[], at: Date): Promise<OnDutyShiftRow[]> {
  return manager.query(
    `SELECT ${COLUMNS} FROM on_duty_shift WHERE country = $1 AND alert_kind = ANY($2) AND starts_at <= $3 AND ends_at > $3`,
    [country, kinds, at],
  );
}
