/**
 * The SQL of the alerts service's own copy of the directory data it routes with (agencies,
 * professionals' status, focal points, on-duty shifts), fed by directory events. Routing
 * never calls the directory synchronously: an alert must go out even if the directory
 * service is down at that moment. Tables: migrations 1764370000200 ff.
 */
import { queryPrepared } from '@cpx/platform';
import type { EntityManager } from 'typeorm';

export interface ReplicaAgencyRow {
  id: string;
  country: string;
  type: string;
  sourceVersion: bigint;
}

export interface ReplicaProfessionalRow {
  id: string;
  agencyId: string;
  subject: string | null;
  status: string;
  sourceVersion: bigint;
}

export interface FocalPointRow {
  id: string;
  country: string;
  /** An AlertKind name, or ANY. */
  alertKind: string;
  professionalId: string;
}

export interface OnDutyShiftRow {
  id: string;
  professionalId: string;
  country: string;
  alertKind: string;
  startsAt: Date;
  endsAt: Date;
}

/** A caller's professional record and its agency, by the token's subject. */
export interface CallerRecord {
  professional: { id: string; agencyId: string; subject: string | null; status: string };
  agency: { id: string; country: string; type: string } | null;
}

export async function callerRecordOf(manager: EntityManager, subject: string): Promise<CallerRecord | undefined> {
  // One round trip, in plain SQL: it runs before every operation on alerts.
  const rows = await queryPrepared<{
    id: string;
    agency_id: string;
    subject: string | null;
    status: string;
    agency_row_id: string | null;
    agency_country: string | null;
    agency_type: string | null;
  }>(
    manager,
    `SELECT p.id, p.agency_id, p.subject, p.status, p.source_version,
            a.id AS agency_row_id, a.country AS agency_country, a.type AS agency_type, a.source_version AS agency_source_version
     FROM replica_professional p LEFT JOIN replica_agency a ON a.id = p.agency_id
     WHERE p.subject = $1 LIMIT 1`,
    [subject],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    professional: { id: row.id, agencyId: row.agency_id, subject: row.subject, status: row.status },
    agency: row.agency_row_id ? { id: row.agency_row_id, country: row.agency_country!, type: row.agency_type! } : null,
  };
}

/** Which of these countries have an agency in the replica (trimmed: the column is char(2)). */
export async function countriesWithAgencies(manager: EntityManager, countries: readonly string[]): Promise<Set<string>> {
  const rows = await queryPrepared<{ country: string }>(
    manager,
    `SELECT DISTINCT country FROM replica_agency WHERE country = ANY($1::text[])`,
    [countries],
  );
  return new Set(rows.map((row) => row.country.trim()));
}

/**
 * The version of the state the replica holds for an agency or professional, undefined if
 * none. The row is locked until the transaction ends, so two instances never both apply
 * the next state.
 */
export async function lockedSourceVersion(
  manager: EntityManager,
  table: 'replica_agency' | 'replica_professional',
  id: string,
): Promise<bigint | undefined> {
  const rows = (await manager.query(`SELECT source_version::text AS version FROM ${table} WHERE id = $1 FOR UPDATE`, [id])) as { version: string }[];
  return rows[0] ? BigInt(rows[0].version) : undefined;
}

export async function upsertAgency(manager: EntityManager, agency: ReplicaAgencyRow): Promise<void> {
  await manager.query(
    `INSERT INTO replica_agency (id, country, type, source_version) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET country = $2, type = $3, source_version = $4`,
    [agency.id, agency.country, agency.type, agency.sourceVersion.toString()],
  );
}

export async function upsertProfessional(manager: EntityManager, professional: ReplicaProfessionalRow): Promise<void> {
  await manager.query(
    `INSERT INTO replica_professional (id, agency_id, subject, status, source_version) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET agency_id = $2, subject = $3, status = $4, source_version = $5`,
    [professional.id, professional.agencyId, professional.subject, professional.status, professional.sourceVersion.toString()],
  );
}

export async function insertFocalPoint(manager: EntityManager, focalPoint: FocalPointRow): Promise<void> {
  await manager.query(
    `INSERT INTO replica_focal_point (id, country, alert_kind, professional_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO NOTHING`,
    [focalPoint.id, focalPoint.country, focalPoint.alertKind, focalPoint.professionalId],
  );
}

export async function deleteFocalPoint(manager: EntityManager, id: string): Promise<void> {
  await manager.query(`DELETE FROM replica_focal_point WHERE id = $1`, [id]);
}

export async function insertShift(manager: EntityManager, shift: OnDutyShiftRow): Promise<void> {
  await manager.query(
    `INSERT INTO replica_on_duty_shift (id, professional_id, country, alert_kind, starts_at, ends_at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
    shiftValues(shift),
  );
}

/**
 * The earlier end wins, whichever event comes last: a shift once ended never routes
 * again. Inserted if its OnDutyScheduled never arrived, so that one, late, changes nothing.
 */
export async function endShift(manager: EntityManager, shift: OnDutyShiftRow): Promise<void> {
  await manager.query(
    `INSERT INTO replica_on_duty_shift (id, professional_id, country, alert_kind, starts_at, ends_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET ends_at = LEAST(replica_on_duty_shift.ends_at, EXCLUDED.ends_at)`,
    shiftValues(shift),
  );
}

function shiftValues(shift: OnDutyShiftRow): unknown[] {
  return [shift.id, shift.professionalId, shift.country, shift.alertKind, shift.startsAt, shift.endsAt];
}
