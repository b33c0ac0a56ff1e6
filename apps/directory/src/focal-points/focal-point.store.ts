/** All SQL of national focal points (ADR 13): who receives alerts of a kind for a country. */
import { DomainError } from '@cpx/platform';
import type { EntityManager } from 'typeorm';

export interface FocalPointRow {
  id: string;
  country: string;
  /** AlertKind name, or `ANY` for every kind (alert-kinds.ts). */
  alertKind: string;
  professionalId: string;
  createdAt: Date;
}

const COLUMNS = 'id, country, alert_kind AS "alertKind", professional_id AS "professionalId", created_at AS "createdAt"';

/**
 * Stores a focal point unless the same person is already named for the same country and
 * kind, and gives back the one stored. Two admins naming the same person at once both
 * get that one: a check before a plain INSERT cannot see the other's uncommitted row, and
 * the INSERT would then fail on the unique constraint; here the second waits for the
 * first to commit and skips (or inserts, if the first rolled back).
 */
export async function insertFocalPointOnce(
  manager: EntityManager,
  focalPoint: FocalPointRow,
): Promise<{ focalPoint: FocalPointRow; inserted: boolean }> {
  const { id, country, alertKind, professionalId, createdAt } = focalPoint;
  const inserted: unknown[] = await manager.query(
    `INSERT INTO focal_point (id, country, alert_kind, professional_id, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (country, alert_kind, professional_id) DO NOTHING
     RETURNING id`,
    [id, country, alertKind, professionalId, createdAt],
  );
  if (inserted.length > 0) return { focalPoint, inserted: true };
  const [existing] = (await manager.query(
    `SELECT ${COLUMNS} FROM focal_point WHERE country = $1 AND alert_kind = $2 AND professional_id = $3 LIMIT 1`,
    [country, alertKind, professionalId],
  )) as FocalPointRow[];
  // Removed between the skipped insert and this read: rare enough to ask for a retry.
  if (!existing) throw DomainError.conflict('The focal point was removed meanwhile; try again.', 'input.professionalId');
  return { focalPoint: existing, inserted: false };
}

export async function focalPointById(manager: EntityManager, id: string): Promise<FocalPointRow | null> {
  const rows: FocalPointRow[] = await manager.query(`SELECT ${COLUMNS} FROM focal_point WHERE id = $1 LIMIT 1`, [id]);
  return rows[0] ?? null;
}

export async function deleteFocalPoint(manager: EntityManager, id: string): Promise<void> {
  await manager.query('DELETE FROM focal_point WHERE id = $1', [id]);
}

/** The focal points of a country for any of these kinds, in no particular order (contact-ranking.ts orders them). */
export async function focalPointsFor(manager: EntityManager, country: string, kinds: string[]): Promise<FocalPointRow[]> {
  return manager.query(`SELECT ${COLUMNS} FROM focal_point WHERE country = $1 AND alert_kind = ANY($2)`, [country, kinds]);
}

/** Every focal point of a country (or of every country), by country, kind, then who was named first. */
export async function listFocalPoints(manager: EntityManager, country: string | undefined): Promise<FocalPointRow[]> {
  return country
    ? manager.query(`SELECT ${COLUMNS} FROM focal_point WHERE country = $1 ORDER BY country ASC, alert_kind ASC, created_at ASC`, [country])
    : manager.query(`SELECT ${COLUMNS} FROM focal_point ORDER BY country ASC, alert_kind ASC, created_at ASC`);
}
