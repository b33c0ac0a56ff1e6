/**
 * The SQL of an alert: the alert row, loaded with its target countries and recipients
 * (tables of migration 1764370000200; changes to targets and recipients are in
 * alert-target.store.ts, the lists in alert-list.store.ts). Every use case reads and
 * changes an alert through these functions, inside the transaction it opened; rows come
 * back as plain types.
 */
import { DomainError, queryPrepared } from '@cpx/platform';
import type { EntityManager } from 'typeorm';
import type { SealedIdentity } from '../identity/identity-vault';

export interface AlertRow {
  id: string;
  idempotencyKey: string;
  /** Keyed digest of the post request, to tell a replay from a different post with the same key (domain/request-digest.ts); null once the identity is erased. */
  requestDigest: string | null;
  kind: string;
  urgency: string;
  status: string;
  /** char(2): compare trimmed. */
  originCountry: string;
  originAgencyId: string;
  postedBySubject: string;
  targetAgencyTypes: string[];
  title: string;
  summary: string;
  outcome: string;
  outcomeNote: string;
  postedAt: Date;
  updatedAt: Date;
  endedAt: Date | null;
  closedAt: Date | null;
  identityErased: boolean;
  version: number;
}

export interface AlertTargetRow {
  alertId: string;
  /** char(2): compare trimmed. */
  country: string;
  deadline: Date;
  acknowledgedAt: Date | null;
  acknowledgedByAgencyId: string | null;
  acknowledgedBySubject: string | null;
  escalationLevel: number;
  /** When the next escalation step is due; null once acknowledged or fully escalated. */
  nextEscalationAt: Date | null;
  unrouted: boolean;
}

export interface AlertRecipientRow {
  alertId: string;
  professionalId: string;
  country: string;
  agencyId: string;
  subject: string | null;
  /** FOCAL_POINT, ON_DUTY or ESCALATION. */
  reason: string;
  addedAt: Date;
}

/** An alert with what its use cases need: its targets (by country) and its recipients. */
export interface LoadedAlert {
  alert: AlertRow;
  targets: AlertTargetRow[];
  recipients: AlertRecipientRow[];
}

const ALERT_COLUMNS = `id, idempotency_key, request_digest, kind, urgency, status, origin_country, origin_agency_id, posted_by_subject,
  target_agency_types, title, summary, outcome, outcome_note, posted_at, updated_at, ended_at, closed_at, identity_erased, version`;

/** The alert, its targets and recipients; undefined when there is no such alert. `lock`: FOR UPDATE on the alert row. */
export async function findAlert(manager: EntityManager, id: string, options: { lock?: boolean } = {}): Promise<LoadedAlert | undefined> {
  const rows = await manager.query<AlertDbRow[]>(
    `SELECT ${ALERT_COLUMNS} FROM alert WHERE id = $1 LIMIT 1${options.lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  if (!rows[0]) return undefined;
  const [targets, recipients] = await Promise.all([
    manager.query<TargetDbRow[]>(
      `SELECT alert_id, country, deadline, acknowledged_at, acknowledged_by_agency_id, acknowledged_by_subject, escalation_level, next_escalation_at, unrouted
         FROM alert_target WHERE alert_id = $1 ORDER BY country ASC`,
      [id],
    ),
    manager.query<RecipientDbRow[]>(
      `SELECT alert_id, professional_id, country, agency_id, subject, reason, added_at FROM alert_recipient WHERE alert_id = $1`,
      [id],
    ),
  ]);
  return { alert: alertOf(rows[0]), targets: targets.map(targetOf), recipients: recipients.map(recipientOf) };
}

/** As findAlert, and NOT_FOUND when there is no such alert. */
export async function loadAlert(manager: EntityManager, id: string, options: { lock?: boolean } = {}): Promise<LoadedAlert> {
  const loaded = await findAlert(manager, id, options);
  if (!loaded) throw DomainError.notFound('Alert', id);
  return loaded;
}

/** The alert a poster made with this idempotency key, if any. */
export async function findPostByKey(manager: EntityManager, subject: string, idempotencyKey: string): Promise<{ id: string; requestDigest: string | null } | undefined> {
  const rows = await queryPrepared<{ id: string; request_digest: string | null }>(
    manager,
    `SELECT id, request_digest FROM alert WHERE posted_by_subject = $1 AND idempotency_key = $2`,
    [subject, idempotencyKey],
  );
  return rows[0] && { id: rows[0].id, requestDigest: rows[0].request_digest };
}

/**
 * The alert, its targets, its recipients and its sealed identity in one statement: one
 * round trip instead of four on the hottest write of the service. Foreign keys are
 * checked at the end of the statement, when every row is in. A second post with the same
 * key fails here on alert_posted_by_subject_idempotency_key_key.
 */
export async function insertPostedAlert(
  manager: EntityManager,
  alert: AlertRow,
  targets: readonly AlertTargetRow[],
  recipients: readonly AlertRecipientRow[],
  sealed: SealedIdentity,
): Promise<void> {
  await queryPrepared(
    manager,
    `WITH posted AS (
       INSERT INTO alert (id, idempotency_key, request_digest, kind, urgency, status, origin_country, origin_agency_id, posted_by_subject,
                          target_agency_types, title, summary, outcome, outcome_note, posted_at, updated_at, ended_at, closed_at, identity_erased, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text[], $11, $12, $13, $14, $15, $15, NULL, NULL, false, $16)
     ), targeted AS (
       INSERT INTO alert_target (alert_id, country, deadline, acknowledged_at, acknowledged_by_agency_id, acknowledged_by_subject, escalation_level, next_escalation_at, unrouted)
       SELECT $1, country, deadline, NULL, NULL, NULL, 0, deadline, unrouted
       FROM unnest($17::text[], $18::timestamptz[], $19::boolean[]) AS t(country, deadline, unrouted)
     ), routed AS (
       INSERT INTO alert_recipient (alert_id, professional_id, country, agency_id, subject, reason, added_at)
       SELECT $1, professional_id, country, agency_id, subject, reason, $15
       FROM unnest($20::uuid[], $21::text[], $22::uuid[], $23::text[], $24::text[]) AS r(professional_id, country, agency_id, subject, reason)
     )
     INSERT INTO child_identity (alert_id, key_id, wrapped_key, ciphertext) VALUES ($1, $25, $26, $27)`,
    [
      alert.id,
      alert.idempotencyKey,
      alert.requestDigest,
      alert.kind,
      alert.urgency,
      alert.status,
      alert.originCountry,
      alert.originAgencyId,
      alert.postedBySubject,
      alert.targetAgencyTypes,
      alert.title,
      alert.summary,
      alert.outcome,
      alert.outcomeNote,
      alert.postedAt,
      alert.version,
      targets.map((target) => target.country),
      targets.map((target) => target.deadline),
      targets.map((target) => target.unrouted),
      recipients.map((recipient) => recipient.professionalId),
      recipients.map((recipient) => recipient.country),
      recipients.map((recipient) => recipient.agencyId),
      recipients.map((recipient) => recipient.subject),
      recipients.map((recipient) => recipient.reason),
      sealed.keyId,
      sealed.wrappedKey,
      sealed.ciphertext,
    ],
  );
}

/**
 * The alert's next version, counted in the database (UPDATE ... RETURNING), so that two
 * changes in overlapping transactions never both write the same number.
 */
export async function bumpVersion(manager: EntityManager, id: string, now: Date): Promise<number> {
  const [row] = (await manager.query(`UPDATE alert SET version = version + 1, updated_at = $2 WHERE id = $1 RETURNING version`, [id, now])) as [{ version: number }[], number];
  return Number(row[0]!.version);
}

/** A state the alert moved to: its status and version, and when. */
export async function updateAlertStatus(manager: EntityManager, alert: Pick<AlertRow, 'id' | 'status' | 'updatedAt' | 'version'>): Promise<void> {
  await manager.query(`UPDATE alert SET status = $2, updated_at = $3, version = $4 WHERE id = $1`, [alert.id, alert.status, alert.updatedAt, alert.version]);
}

/** Resolved or cancelled: the status, outcome and note, and when it ended. */
export async function updateAlertEnding(
  manager: EntityManager,
  alert: Pick<AlertRow, 'id' | 'status' | 'outcome' | 'outcomeNote' | 'endedAt' | 'updatedAt' | 'version'>,
): Promise<void> {
  await manager.query(
    `UPDATE alert SET status = $2, outcome = $3, outcome_note = $4, ended_at = $5, updated_at = $6, version = $7 WHERE id = $1`,
    [alert.id, alert.status, alert.outcome, alert.outcomeNote, alert.endedAt, alert.updatedAt, alert.version],
  );
}

/** Closed, after its grace period. */
export async function updateAlertClosed(manager: EntityManager, alert: Pick<AlertRow, 'id' | 'closedAt' | 'updatedAt' | 'version'>): Promise<void> {
  await manager.query(`UPDATE alert SET status = 'CLOSED', closed_at = $2, updated_at = $3, version = $4 WHERE id = $1`, [
    alert.id,
    alert.closedAt,
    alert.updatedAt,
    alert.version,
  ]);
}

/** Alerts resolved or cancelled before the cutoff, claimed (FOR UPDATE SKIP LOCKED), the longest ended first. */
export async function claimEndedAlerts(manager: EntityManager, endedBefore: Date, limit: number): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(
    `SELECT id FROM alert WHERE status IN ('RESOLVED', 'CANCELLED') AND ended_at <= $1
      ORDER BY ended_at LIMIT ${Number(limit)} FOR UPDATE SKIP LOCKED`,
    [endedBefore],
  );
  return rows.map((row) => row.id);
}

/** Closed alerts whose identity is still kept past the cutoff, claimed (FOR UPDATE SKIP LOCKED), the longest closed first. */
export async function claimExpiredAlerts(manager: EntityManager, closedBefore: Date, limit: number): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(
    `SELECT id FROM alert WHERE status = 'CLOSED' AND NOT identity_erased AND closed_at <= $1
      ORDER BY closed_at LIMIT ${Number(limit)} FOR UPDATE SKIP LOCKED`,
    [closedBefore],
  );
  return rows.map((row) => row.id);
}

/** The identity is gone: so are the request digest and the alert's free texts, each replaced by `erasedText` (empty ones stay empty). */
export async function eraseAlertTexts(manager: EntityManager, id: string, erasedText: string): Promise<void> {
  await manager.query(
    `UPDATE alert SET identity_erased = true, request_digest = NULL, title = $2,
            summary = CASE WHEN summary = '' THEN '' ELSE $2 END, outcome_note = CASE WHEN outcome_note = '' THEN '' ELSE $2 END
      WHERE id = $1`,
    [id, erasedText],
  );
}

interface AlertDbRow {
  id: string;
  idempotency_key: string;
  request_digest: string | null;
  kind: string;
  urgency: string;
  status: string;
  origin_country: string;
  origin_agency_id: string;
  posted_by_subject: string;
  target_agency_types: string[];
  title: string;
  summary: string;
  outcome: string;
  outcome_note: string;
  posted_at: Date;
  updated_at: Date;
  ended_at: Date | null;
  closed_at: Date | null;
  identity_erased: boolean;
  version: number;
}

interface TargetDbRow {
  alert_id: string;
  country: string;
  deadline: Date;
  acknowledged_at: Date | null;
  acknowledged_by_agency_id: string | null;
  acknowledged_by_subject: string | null;
  escalation_level: number;
  next_escalation_at: Date | null;
  unrouted: boolean;
}

interface RecipientDbRow {
  alert_id: string;
  professional_id: string;
  country: string;
  agency_id: string;
  subject: string | null;
  reason: string;
  added_at: Date;
}

function alertOf(row: AlertDbRow): AlertRow {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    requestDigest: row.request_digest,
    kind: row.kind,
    urgency: row.urgency,
    status: row.status,
    originCountry: row.origin_country,
    originAgencyId: row.origin_agency_id,
    postedBySubject: row.posted_by_subject,
    targetAgencyTypes: row.target_agency_types,
    title: row.title,
    summary: row.summary,
    outcome: row.outcome,
    outcomeNote: row.outcome_note,
    postedAt: row.posted_at,
    updatedAt: row.updated_at,
    endedAt: row.ended_at,
    closedAt: row.closed_at,
    identityErased: row.identity_erased,
    version: Number(row.version),
  };
}

function targetOf(row: TargetDbRow): AlertTargetRow {
  return {
    alertId: row.alert_id,
    country: row.country,
    deadline: row.deadline,
    acknowledgedAt: row.acknowledged_at,
    acknowledgedByAgencyId: row.acknowledged_by_agency_id,
    acknowledgedBySubject: row.acknowledged_by_subject,
    escalationLevel: Number(row.escalation_level),
    nextEscalationAt: row.next_escalation_at,
    unrouted: row.unrouted,
  };
}

function recipientOf(row: RecipientDbRow): AlertRecipientRow {
  return {
    alertId: row.alert_id,
    professionalId: row.professional_id,
    country: row.country,
    agencyId: row.agency_id,
    subject: row.subject,
    reason: row.reason,
    addedAt: row.added_at,
  };
}
