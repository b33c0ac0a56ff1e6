/**
 * All SQL of webhook deliveries and their attempt log (`webhook_delivery`,
 * `delivery_attempt`): the claim and its leases, the outcome of an attempt, parking and
 * queueing again, replays, and the NOTIFY that wakes the delivery workers. The endpoint's
 * own state (its pace, run of failures, enabled or not) is endpoint.store.ts'.
 *
 * A delivery is leased by its claim_token: set by the claim, with next_attempt_at pushed
 * past the attempt's timeout, and cleared by the attempt's outcome. Every outcome is
 * written only while the attempt still holds the lease (`claim_token = $2`), so a delivery
 * resent meanwhile keeps its new state. Deliveries parked for a disabled endpoint are not
 * PENDING: they are in none of the partial indexes the claim reads, so a backlog parked
 * for weeks costs a claim nothing. The feed's retention bounds them.
 */
import type { EntityManager } from 'typeorm';
import type { WebhookPayloadMode } from '../partners/domain/payload-mode';
import type { StoredSecrets } from '../partners/subscription-secrets';
import type { ClaimTerms } from './domain/claim-terms';

/** "Deliveries are due now": heard by every instance's delivery worker (delivery-worker.ts). */
export const DELIVERIES_CHANNEL = 'cpx_feeds_deliveries';

/**
 * A NOTIFY sent inside the transaction that creates or requeues deliveries, which Postgres
 * delivers at commit, so the attempt leaves at once instead of at the next poll. Only a
 * hint: workers poll as well.
 */
export async function notifyDeliveriesDue(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_notify($1, '')`, [DELIVERIES_CHANNEL]);
}

/** A delivery as the claim returns it, with its event, its subscription's endpoint and its secrets as stored. */
export interface ClaimedRow {
  id: string;
  /** This attempt's number (the claim counted it). */
  attempts: number;
  retryBase: number;
  subscriptionId: string;
  sendAt: Date;
  partnerId: string;
  payloadMode: WebhookPayloadMode;
  webhookUrl: string;
  sequence: string;
  /** Whether the previous secret still signs. */
  previousLive: boolean;
  type: string;
  occurredAt: Date;
  data: string;
  secrets: StoredSecrets;
}

/** The claim's columns as Postgres returns them. */
interface ClaimedColumns extends StoredSecrets {
  id: string;
  attempts: number;
  retry_base: number;
  subscription_id: string;
  send_at: Date;
  partner_id: string;
  payload_mode: WebhookPayloadMode;
  webhook_url: string;
  sequence: string;
  previous_live: boolean;
  type: string;
  occurred_at: Date;
  data: string;
}

/*
 * The claim takes due deliveries and leases them by pushing next_attempt_at past the
 * timeout: if the instance dies mid-attempt, the delivery is simply due again later.
 * It paces each endpoint (the per-endpoint rate limit, across instances): it locks the
 * ready subscriptions (SKIP LOCKED, so instances never claim for the same endpoint at
 * once), gives each claimed delivery a send time on the endpoint's grid starting at
 * subscription.next_send_at, claims only send times within the next poll interval, and
 * moves next_send_at past the last one. Deliveries beyond the rate stay pending for a later
 * claim: late, never dropped. Endpoints take turns (first delivery of each, then
 * second...), and no endpoint has more than FEEDS_ENDPOINT_CONCURRENCY deliveries in flight.
 *
 * In flight: claimed (claim_token set) and the lease not run out; an attempt that ends
 * clears claim_token, and a lease that runs out (the instance died) frees its place.
 * Counted under the subscription's lock, so claims of two instances do not both fill the
 * endpoint's room; a claim that committed after this statement's snapshot is not counted,
 * so two claims racing for the same endpoint can exceed the bound by one claim's worth,
 * briefly. The partial index webhook_delivery_leased holds only those rows.
 *
 * Written so that its cost follows what it claims, not the backlog: under load the
 * planner's statistics say almost nothing is PENDING (most rows are delivered within
 * milliseconds), and a plan trusting them scanned every due delivery once per
 * subscription and once per claimed row: a backlog made every claim slower, which grew
 * the backlog (p95 of 17 s at 1000 webhooks/s). So: subscriptions are looked at one by one
 * (a LIMIT 1 probe, which cannot become a scan of the whole due set), and claimed rows are
 * updated by primary key only, checked against the version read (attempts and
 * next_attempt_at change with every claim) instead of conditions a partial index could
 * serve.
 *
 * The delivery's payload mode is read with it (the subscription's when the event was
 * recorded), and the subscription's webhook URL as it is now.
 */
const CLAIM = `
  WITH ready AS (
    SELECT s.id, greatest(s.next_send_at, now()) AS first_slot, $6::int - leased.in_flight AS room
    FROM subscription s CROSS JOIN LATERAL (
      SELECT count(*)::int AS in_flight FROM webhook_delivery l
      WHERE l.subscription_id = s.id AND l.state = 'PENDING' AND l.claim_token IS NOT NULL AND l.next_attempt_at > now()
    ) leased
    WHERE s.enabled AND s.deleted_at IS NULL AND s.webhook_url IS NOT NULL
      AND s.next_send_at <= now() + make_interval(secs => $4::float8 / 1000)
      AND leased.in_flight < $6
      AND (SELECT d.id FROM webhook_delivery d
           WHERE d.subscription_id = s.id AND d.state = 'PENDING' AND d.next_attempt_at <= now()
           ORDER BY d.next_attempt_at LIMIT 1) IS NOT NULL
    FOR NO KEY UPDATE OF s SKIP LOCKED
  ), ranked AS (
    SELECT d.id, d.subscription_id, d.next_attempt_at, d.attempts, d.turn,
           r.first_slot + (d.turn - 1) * make_interval(secs => $5::float8 / 1000) AS send_at
    FROM ready r CROSS JOIN LATERAL (
      SELECT w.id, w.subscription_id, w.next_attempt_at, w.attempts, row_number() OVER (ORDER BY w.next_attempt_at, w.id) AS turn
      FROM webhook_delivery w
      WHERE w.subscription_id = r.id AND w.state = 'PENDING' AND w.next_attempt_at <= now()
      ORDER BY w.next_attempt_at, w.id
      LIMIT least($1, r.room)
    ) d
  ), chosen AS (
    SELECT id, subscription_id, send_at, next_attempt_at, attempts FROM ranked
    WHERE send_at <= now() + make_interval(secs => $4::float8 / 1000)
    ORDER BY turn, next_attempt_at, id
    LIMIT $1
  ), paced AS (
    UPDATE subscription s SET next_send_at = c.last_slot + make_interval(secs => $5::float8 / 1000)
    FROM (SELECT subscription_id, max(send_at) AS last_slot FROM chosen GROUP BY subscription_id) c
    WHERE s.id = c.subscription_id
  ), claimed AS (
    UPDATE webhook_delivery d
    SET attempts = d.attempts + 1, claim_token = $2, next_attempt_at = c.send_at + make_interval(secs => $3::float8 / 1000)
    FROM chosen c
    WHERE d.id = c.id AND d.attempts = c.attempts AND d.next_attempt_at = c.next_attempt_at
    RETURNING d.id, d.attempts, d.retry_base, d.subscription_id, d.sequence, d.payload_mode, c.send_at
  )
  SELECT c.id, c.attempts, c.retry_base, c.subscription_id, c.send_at, s.partner_id, coalesce(c.payload_mode, s.payload_mode) AS payload_mode, s.webhook_url,
         s.secret, s.secret_key_id, s.secret_sealed, s.previous_secret, s.previous_secret_key_id, s.previous_secret_sealed,
         (s.previous_secret_expires_at IS NOT NULL AND s.previous_secret_expires_at > now()) AS previous_live,
         c.sequence, e.type, e.occurred_at, e.data
  FROM claimed c JOIN subscription s ON s.id = c.subscription_id JOIN feed_event e ON e.sequence = c.sequence
  ORDER BY c.send_at`;

/** Claims and leases due deliveries (one statement, its own transaction), in send-time order. */
export async function claimDeliveries(manager: EntityManager, terms: ClaimTerms): Promise<ClaimedRow[]> {
  const rows: ClaimedColumns[] = await manager.query(CLAIM, [
    terms.limit,
    terms.claimToken,
    String(terms.leaseMs),
    String(terms.horizonMs),
    String(terms.spacingMs),
    terms.endpointConcurrency,
  ]);
  return rows.map((row) => ({
    id: row.id,
    attempts: row.attempts,
    retryBase: row.retry_base,
    subscriptionId: row.subscription_id,
    sendAt: row.send_at,
    partnerId: row.partner_id,
    payloadMode: row.payload_mode,
    webhookUrl: row.webhook_url,
    sequence: row.sequence,
    previousLive: row.previous_live,
    type: row.type,
    occurredAt: row.occurred_at,
    data: row.data,
    secrets: {
      secret: row.secret,
      secret_key_id: row.secret_key_id,
      secret_sealed: row.secret_sealed,
      previous_secret: row.previous_secret,
      previous_secret_key_id: row.previous_secret_key_id,
      previous_secret_sealed: row.previous_secret_sealed,
    },
  }));
}

/** One attempt, as the attempt log keeps it. */
export interface AttemptRecord {
  deliveryId: string;
  attempt: number;
  attemptedAt: Date;
  status: number | null;
  latencyMs: number;
  error: string;
}

export async function insertAttempt(manager: EntityManager, attempt: AttemptRecord): Promise<void> {
  await manager.query(
    `INSERT INTO delivery_attempt (delivery_id, attempt, attempted_at, status_code, latency_ms, error) VALUES ($1, $2, $3, $4, $5, $6)`,
    [attempt.deliveryId, attempt.attempt, attempt.attemptedAt, attempt.status, attempt.latencyMs, attempt.error],
  );
}

/** The lease an attempt holds, and what it answered: every outcome below is written only while the lease holds. */
export interface Leased {
  deliveryId: string;
  claimToken: string;
  status: number | null;
  error: string;
}

const leased = (outcome: Leased) => [outcome.deliveryId, outcome.claimToken, outcome.status, outcome.error];

export async function markDelivered(manager: EntityManager, outcome: Leased): Promise<void> {
  await manager.query(
    `UPDATE webhook_delivery SET state = 'DELIVERED', delivered_at = now(), claim_token = NULL, last_status = $3, last_error = $4
             WHERE id = $1 AND claim_token = $2`,
    leased(outcome),
  );
}

export async function scheduleRetry(manager: EntityManager, outcome: Leased, delayMs: number): Promise<void> {
  await manager.query(
    `UPDATE webhook_delivery SET next_attempt_at = now() + ($5 || ' milliseconds')::interval, claim_token = NULL, last_status = $3, last_error = $4
             WHERE id = $1 AND claim_token = $2`,
    [...leased(outcome), String(delayMs)],
  );
}

export async function markFailed(manager: EntityManager, outcome: Leased): Promise<void> {
  await manager.query(
    `UPDATE webhook_delivery SET state = 'FAILED', claim_token = NULL, last_status = $3, last_error = $4 WHERE id = $1 AND claim_token = $2`,
    leased(outcome),
  );
}

/** A successful attempt, as the delivered log (delivered-log.ts) batches it. */
export interface DeliveredAttempt {
  deliveryId: string;
  claimToken: string;
  subscriptionId: string;
  attempt: number;
  attemptedAt: Date;
  status: number;
  latencyMs: number;
}

/** The attempt rows and delivery states of successful attempts, a batch in two statements. */
export async function recordDeliveredAttempts(manager: EntityManager, attempts: DeliveredAttempt[]): Promise<void> {
  const column = <T>(pick: (attempt: DeliveredAttempt) => T) => attempts.map(pick);
  await manager.query(
    `INSERT INTO delivery_attempt (delivery_id, attempt, attempted_at, status_code, latency_ms, error)
         SELECT delivery_id, attempt, attempted_at, status_code, latency_ms, ''
         FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::int[], $5::int[]) AS a(delivery_id, attempt, attempted_at, status_code, latency_ms)`,
    [column((a) => a.deliveryId), column((a) => a.attempt), column((a) => a.attemptedAt), column((a) => a.status), column((a) => a.latencyMs)],
  );
  // Only while the attempt still holds the lease: a delivery resent meanwhile keeps its new state.
  await manager.query(
    `UPDATE webhook_delivery d SET state = 'DELIVERED', delivered_at = now(), claim_token = NULL, last_status = a.status, last_error = ''
         FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS a(id, claim_token, status)
         WHERE d.id = a.id AND d.claim_token = a.claim_token`,
    [column((a) => a.deliveryId), column((a) => a.claimToken), column((a) => a.status)],
  );
}

/*
 * Deliveries owed to a disabled endpoint wait PARKED: nothing is attempted. Disabling an
 * endpoint parks what it had pending (endpoint-disabling.ts); events recorded while it is
 * disabled get a parked delivery (feed/record-feed-event.usecase.ts). Enabling it queues
 * them again in feed order (endpoint-enabling.ts), with failed ones when a redelivery asks
 * for those too.
 */

/**
 * Parks the endpoint's pending deliveries, but not those under way: an attempt in flight
 * ends as it would have (delivered, failed or, for a retry, pending again, which enabling
 * finds as it is). A lease that ran out (its instance died) is not under way. The caller
 * has locked the subscription.
 */
export async function parkPendingDeliveries(manager: EntityManager, subscriptionId: string): Promise<void> {
  await manager.query(
    `UPDATE webhook_delivery SET state = 'PARKED', claim_token = NULL
     WHERE subscription_id = $1 AND state = 'PENDING' AND (claim_token IS NULL OR next_attempt_at <= now())`,
    [subscriptionId],
  );
}

/** The SET clause of a replayed delivery, but its due time: queued again, the retry schedule counting from the replay. */
const REQUEUE_STATE = `state = 'PENDING', claim_token = NULL, retry_base = attempts`;

export interface Queued {
  /** Failed deliveries queued again. */
  requeued: number;
  /** Parked deliveries queued. */
  released: number;
}

/**
 * Queues the subscription's parked deliveries, and its failed ones of events recorded
 * since `failedSince` when given, all in feed order, after `ahead` deliveries the caller
 * queued in this transaction: each gets a due time one microsecond after the one before,
 * so the claim, which takes an endpoint's due deliveries oldest first, takes them in the
 * order the events were recorded. The caller has locked the subscription.
 */
export async function queueInFeedOrder(manager: EntityManager, subscriptionId: string, options: { failedSince?: Date; ahead?: number } = {}): Promise<Queued> {
  const rows: { was: 'PARKED' | 'FAILED'; n: number }[] = await manager.query(
    `WITH waiting AS (
       SELECT id, state, row_number() OVER (ORDER BY sequence) AS turn FROM webhook_delivery
       WHERE subscription_id = $1 AND (state = 'PARKED' OR (state = 'FAILED' AND created_at >= $2))
     ), queued AS (
       UPDATE webhook_delivery d SET ${REQUEUE_STATE}, next_attempt_at = now() + ($3::int + w.turn) * interval '1 microsecond'
       FROM waiting w WHERE d.id = w.id AND d.state = w.state
       RETURNING w.state AS was
     ) SELECT was, count(*)::int AS n FROM queued GROUP BY was`,
    [subscriptionId, options.failedSince ?? null, options.ahead ?? 0],
  );
  const count = (state: 'PARKED' | 'FAILED') => rows.find((row) => row.was === state)?.n ?? 0;
  return { requeued: count('FAILED'), released: count('PARKED') };
}

/** The delivery's subscription and partner, if the delivery exists and its subscription is not deleted. */
export async function findDeliveryOwner(manager: EntityManager, deliveryId: string): Promise<{ subscriptionId: string; partnerId: string } | undefined> {
  const rows: { subscription_id: string; partner_id: string }[] = await manager.query(
    `SELECT d.subscription_id, s.partner_id FROM webhook_delivery d JOIN subscription s ON s.id = d.subscription_id
         WHERE d.id = $1 AND s.deleted_at IS NULL`,
    [deliveryId],
  );
  return rows[0] && { subscriptionId: rows[0].subscription_id, partnerId: rows[0].partner_id };
}

/**
 * Queues one delivery again now, whatever its state, unless an attempt of it is under way
 * (its lease holds); returns whether it did. The caller has locked the subscription.
 */
export async function requeueDelivery(manager: EntityManager, deliveryId: string): Promise<boolean> {
  const requeued: unknown[] = await manager.query(
    `WITH requeued AS (
           UPDATE webhook_delivery SET ${REQUEUE_STATE}, next_attempt_at = now() WHERE id = $1 AND (claim_token IS NULL OR next_attempt_at <= now()) RETURNING id
         ) SELECT id FROM requeued`,
    [deliveryId],
  );
  return requeued.length > 0;
}

export interface AttemptRow {
  /** Its position in the log: the page cursor. */
  id: string;
  deliveryId: string;
  eventId: string;
  attempt: number;
  /** null: no answer (a timeout, a refused endpoint). */
  statusCode: number | null;
  latencyMs: number;
  error: string;
  attemptedAt: Date;
}

/** A page of the subscription's attempt log, newest first, before the position `before`; `limit` rows at most. */
export async function attemptsBefore(manager: EntityManager, subscriptionId: string, before: string, limit: number): Promise<AttemptRow[]> {
  const rows: { id: string; delivery_id: string; event_id: string; attempt: number; status_code: number | null; latency_ms: number; error: string; attempted_at: Date }[] =
    await manager.query(
    `SELECT a.id, a.delivery_id, e.event_id, a.attempt, a.status_code, a.latency_ms, a.error, a.attempted_at
       FROM delivery_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id JOIN feed_event e ON e.sequence = d.sequence
       WHERE d.subscription_id = $1 AND a.id < $2
       ORDER BY a.id DESC LIMIT $3`,
    [subscriptionId, before, limit],
  );
  return rows.map((row) => ({
    id: row.id,
    deliveryId: row.delivery_id,
    eventId: row.event_id,
    attempt: row.attempt,
    statusCode: row.status_code,
    latencyMs: row.latency_ms,
    error: row.error,
    attemptedAt: row.attempted_at,
  }));
}
