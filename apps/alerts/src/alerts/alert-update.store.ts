/** The SQL of an alert's update thread (alert_update): notes, sightings, reports of the child found. */
import type { EntityManager } from 'typeorm';

/** NOTE, or CHILD_FOUND: a target country's report that proposes resolution. */
export type AlertUpdateKindName = 'NOTE' | 'CHILD_FOUND';

export interface AlertUpdateRow {
  id: string;
  alertId: string;
  authorSubject: string;
  authorAgencyId: string | null;
  authorCountry: string;
  text: string;
  sightingPlace: string | null;
  sightingAt: Date | null;
  createdAt: Date;
  kind: AlertUpdateKindName;
}

export async function insertUpdate(manager: EntityManager, update: AlertUpdateRow): Promise<void> {
  await manager.query(
    `INSERT INTO alert_update (id, alert_id, author_subject, author_agency_id, author_country, text, sighting_place, sighting_at, created_at, kind)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      update.id,
      update.alertId,
      update.authorSubject,
      update.authorAgencyId,
      update.authorCountry,
      update.text,
      update.sightingPlace,
      update.sightingAt,
      update.createdAt,
      update.kind,
    ],
  );
}

/** The alert's thread, oldest first. */
export async function updatesOf(manager: EntityManager, alertId: string): Promise<AlertUpdateRow[]> {
  const rows: {
    id: string;
    alert_id: string;
    author_subject: string;
    author_agency_id: string | null;
    author_country: string;
    text: string;
    sighting_place: string | null;
    sighting_at: Date | null;
    created_at: Date;
    kind: AlertUpdateKindName;
  }[] = await manager.query(
    `SELECT id, alert_id, author_subject, author_agency_id, author_country, text, sighting_place, sighting_at, created_at, kind
       FROM alert_update WHERE alert_id = $1 ORDER BY created_at ASC`,
    [alertId],
  );
  return rows.map((row) => ({
    id: row.id,
    alertId: row.alert_id,
    authorSubject: row.author_subject,
    authorAgencyId: row.author_agency_id,
    authorCountry: row.author_country,
    text: row.text,
    sightingPlace: row.sighting_place,
    sightingAt: row.sighting_at,
    createdAt: row.created_at,
    kind: row.kind,
  }));
}

/** At the end of retention: every text and sighting place of the thread replaced by `erasedText`; which updates there were, and when, stay. */
export async function eraseUpdateTexts(manager: EntityManager, alertId: string, erasedText: string): Promise<void> {
  await manager.query(
    `UPDATE alert_update SET text = $2, sighting_place = CASE WHEN sighting_place IS NULL THEN NULL ELSE $2 END WHERE alert_id = $1`,
    [alertId, erasedText],
  );
}
