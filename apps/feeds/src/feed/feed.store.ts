/**
 * All SQL of the partner feed (`feed_event`) and the replica it reads agencies' countries
 * from (`replica_agency_country`): appending an event with its webhook deliveries, reading
 * a partner's page, and retention. Statements that run for every event recorded are
 * prepared (queryPrepared).
 */
import { queryPrepared } from '@cpx/platform';
import type { EntityManager } from 'typeorm';
import type { WebhookPayloadMode } from '../partners/domain/payload-mode';

/**
 * Taken for the rest of the transaction by every writer of feed_event: sequences are drawn
 * and committed one writer at a time, so a reader paging by sequence never passes over a
 * row that commits later with a smaller number.
 */
export const FEED_APPEND_LOCK = 7_201_300;

/** One instance sweeps retention at a time; the others find the lock taken and skip. */
const RETENTION_LOCK = 7_201_301;

/**
 * Waits until the event being recorded, if any, has committed, and holds back the next
 * until the caller's transaction ends. Enabling an endpoint takes it
 * (delivery/endpoint-enabling.ts): see record-feed-event.usecase.ts, unparkIfEnabledMeanwhile.
 */
export async function holdFeedAppends(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock($1)`, [FEED_APPEND_LOCK]);
}

/** An agency's country as the directory last said, unless a newer version is already held. */
export async function upsertAgencyCountry(manager: EntityManager, agency: { id: string; country: string; version: bigint }): Promise<void> {
  await queryPrepared(
    manager,
    `INSERT INTO replica_agency_country (agency_id, country, source_version) VALUES ($1, $2, $3)
         ON CONFLICT (agency_id) DO UPDATE SET country = $2, source_version = $3
         WHERE replica_agency_country.source_version <= $3`,
    [agency.id, agency.country, agency.version.toString()],
  );
}

export async function agencyCountries(manager: EntityManager, agencyId: string): Promise<string[]> {
  const rows = await queryPrepared<{ country: string }>(manager, `SELECT country FROM replica_agency_country WHERE agency_id::text = $1`, [agencyId]);
  return rows.map((row) => row.country);
}

export interface FeedEventRecord {
  source: string;
  eventId: string;
  type: string;
  subject: string;
  countries: string[];
  occurredAt: Date;
  /** The redacted data, JSON text. */
  data: string;
}

export interface NewDelivery {
  id: string;
  subscriptionId: string;
  state: 'PENDING' | 'PARKED';
  payloadMode: WebhookPayloadMode;
}

/**
 * One statement: the append lock, then the feed row (its sequence drawn under the lock),
 * then the deliveries. An event already in the feed inserts nothing.
 */
export async function appendFeedEvent(manager: EntityManager, event: FeedEventRecord, deliveries: NewDelivery[]): Promise<void> {
  await queryPrepared(
    manager,
    `WITH append_lock AS (SELECT pg_advisory_xact_lock($1)),
       appended AS (
         INSERT INTO feed_event (source, event_id, type, subject, countries, occurred_at, data)
         SELECT $2, $3, $4, $5, $6, $7, $8 FROM append_lock
         ON CONFLICT (source, event_id) DO NOTHING RETURNING sequence
       )
       INSERT INTO webhook_delivery (id, subscription_id, sequence, state, next_attempt_at, payload_mode)
       SELECT wanted.id, wanted.subscription_id, appended.sequence, wanted.state, now(), wanted.payload_mode
       FROM appended CROSS JOIN unnest($9::uuid[], $10::uuid[], $11::text[], $12::text[]) AS wanted(id, subscription_id, state, payload_mode)`,
    [
      FEED_APPEND_LOCK,
      event.source,
      event.eventId,
      event.type,
      event.subject,
      event.countries,
      event.occurredAt,
      event.data,
      deliveries.map((delivery) => delivery.id),
      deliveries.map((delivery) => delivery.subscriptionId),
      deliveries.map((delivery) => delivery.state),
      deliveries.map((delivery) => delivery.payloadMode),
    ],
  );
}

/**
 * Releases those of these parked deliveries whose endpoint is enabled (and live) by now:
 * a statement that sees every commit so far. Returns how many.
 */
export async function releaseParkedOfEnabledEndpoints(manager: EntityManager, deliveryIds: string[]): Promise<number> {
  const released = await queryPrepared<{ id: string }>(
    manager,
    `UPDATE webhook_delivery d SET state = 'PENDING'
     FROM subscription s
     WHERE d.id = ANY($1::uuid[]) AND d.state = 'PARKED' AND s.id = d.subscription_id AND s.enabled AND s.deleted_at IS NULL
     RETURNING d.id`,
    [deliveryIds],
  );
  return released.length;
}

/** One row per wanted event, or a single one without an event when none is; each with the scan's extent. */
export interface ScanRow {
  /** The last sequence looked at (null: nothing after the cursor). */
  scannedTo: string | null;
  /** How many events were looked at: `scanRows` means there may be more. */
  scanned: number;
  /** null: no event wanted in the scan (the row only says how far it went). */
  sequence: string | null;
  eventId: string;
  type: string;
  subject: string;
  countries: string[];
  occurredAt: Date;
  data: string;
}

/** A subscription wants an event: one of its patterns names the type, and a country matches (domain/event-filter.ts, in SQL). */
const SUBSCRIPTION_WANTS_EVENT = `
  EXISTS (SELECT 1 FROM unnest(s.event_types) AS p
          WHERE p = e.type OR (right(p, 2) = '.*' AND starts_with(e.type, left(p, -1))))
  AND (cardinality(s.countries) = 0 OR e.countries && s.countries)`;

/**
 * The partner's events after sequence `after`, `limit` at most, among the next `scanRows`
 * of the whole feed. One statement, so one snapshot: the scan's extent and the events wanted
 * in it agree. The extent reads only the primary key; the wanted events stop at `limit`.
 */
export async function scanPartnerFeed(manager: EntityManager, partnerId: string, after: string, limit: number, scanRows: number): Promise<ScanRow[]> {
  const rows: {
    scanned_to: string | null;
    scanned: number;
    sequence: string | null;
    event_id: string;
    type: string;
    subject: string;
    countries: string[];
    occurred_at: Date;
    data: string;
  }[] = await manager.query(
    `WITH scan AS (
         SELECT max(sequence) AS scanned_to, count(*)::int AS scanned
         FROM (SELECT sequence FROM feed_event WHERE sequence > $2 ORDER BY sequence LIMIT $4) AS looked_at
       )
       SELECT scan.scanned_to::text AS scanned_to, scan.scanned, e.sequence, e.event_id, e.type, e.subject, e.countries, e.occurred_at, e.data
       FROM scan
       LEFT JOIN LATERAL (
         SELECT e.sequence, e.event_id, e.type, e.subject, e.countries, e.occurred_at, e.data
         FROM feed_event e
         WHERE e.sequence > $2 AND e.sequence <= scan.scanned_to
           AND EXISTS (SELECT 1 FROM subscription s WHERE s.partner_id = $1 AND s.deleted_at IS NULL AND ${SUBSCRIPTION_WANTS_EVENT})
         ORDER BY e.sequence
         LIMIT $3
       ) e ON true
       ORDER BY e.sequence`,
    [partnerId, after, limit, scanRows],
  );
  return rows.map((row) => ({
    scannedTo: row.scanned_to,
    scanned: row.scanned,
    sequence: row.sequence,
    eventId: row.event_id,
    type: row.type,
    subject: row.subject,
    countries: row.countries,
    occurredAt: row.occurred_at,
    data: row.data,
  }));
}

/** Whether this transaction may sweep retention: false when another instance is sweeping. */
export async function tryRetentionLock(manager: EntityManager): Promise<boolean> {
  const [{ locked }]: { locked: boolean }[] = await manager.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [RETENTION_LOCK]);
  return locked;
}

/**
 * The oldest events recorded longer ago than `retentionMs`, `limit` at most; an event with
 * a delivery whose attempt is under way is kept until the next sweep.
 */
export async function eventsPastRetention(manager: EntityManager, retentionMs: number, limit: number): Promise<string[]> {
  const old: { sequence: string }[] = await manager.query(
    `SELECT e.sequence FROM feed_event e
           WHERE e.recorded_at < now() - make_interval(secs => $1::float8 / 1000)
             AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.sequence = e.sequence AND d.claim_token IS NOT NULL AND d.next_attempt_at > now())
           ORDER BY e.sequence LIMIT $2`,
    [String(retentionMs), limit],
  );
  return old.map((row) => row.sequence);
}

/** Deletes these events with their webhook deliveries (parked or not) and attempt log. */
export async function deleteEvents(manager: EntityManager, sequences: string[]): Promise<void> {
  await manager.query(`DELETE FROM delivery_attempt WHERE delivery_id IN (SELECT id FROM webhook_delivery WHERE sequence = ANY($1::bigint[]))`, [sequences]);
  await manager.query(`DELETE FROM webhook_delivery WHERE sequence = ANY($1::bigint[])`, [sequences]);
  await manager.query(`DELETE FROM feed_event WHERE sequence = ANY($1::bigint[])`, [sequences]);
}
