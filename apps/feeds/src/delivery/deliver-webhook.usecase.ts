/**
 * Webhook delivery from Postgres, one delivery at a time per call:
 *
 * - `claim` takes due deliveries and leases them by pushing next_attempt_at past the
 *   timeout: if the instance dies mid-attempt, the delivery is simply due again later.
 *   It paces each endpoint (the per-endpoint rate limit, across instances): it locks the
 *   ready subscriptions (SKIP LOCKED, so instances never claim for the same endpoint at
 *   once), gives each claimed delivery a send time on the endpoint's grid of
 *   1/FEEDS_ENDPOINT_RATE_PER_SECOND starting at subscription.next_send_at, claims only
 *   send times within the next poll interval, and moves next_send_at past the last one.
 *   Deliveries beyond the rate stay pending for a later claim: late, never dropped.
 *   Endpoints take turns (first delivery of each, then second...), and no endpoint has
 *   more than FEEDS_ENDPOINT_CONCURRENCY deliveries in flight (claimed, lease not run
 *   out): one that stops answering holds that many slots until its attempts time out,
 *   its backlog waits, and every other endpoint's deliveries keep flowing.
 * - `attempt` waits for the send time, builds the body in the delivery's payload mode
 *   (THIN or FULL, domain/webhook-payload.ts: the subscription's when the event was
 *   recorded; the claim reads it with the delivery, no query of its own), signs and POSTs
 *   to the subscription's webhook URL as it is now (same webhook-id and body on every attempt,
 *   a fresh webhook-timestamp each time), logs the attempt and decides what comes next.
 *   Successes are logged in batches (delivered-log.ts); a failure's next step depends on
 *   the endpoint's history and is decided in a transaction of its own. A Retry-After
 *   (429, 503) holds the endpoint, not only the delivery: it pushes
 *   subscription.next_send_at, the pace the claim keeps. The endpoint's run of failures
 *   (which disables it after FEEDS_DISABLE_AFTER_FAILING_MS) ends with a success, or when
 *   a delivery gives up with none other pending. The sender checks the endpoint's address
 *   as it connects (SSRF, in every mode); a refused endpoint is a failed attempt like
 *   any other: retried on the schedule, then given up, and it counts towards disabling
 *   the endpoint (a name can be pointed back where it belongs; a refusal that lasts
 *   while deliveries keep coming ends in FAILING_5_DAYS).
 *
 * The subscription's secrets are opened (webhook-secret-vault.ts) as deliveries are
 * claimed; a subscription whose secrets are still in clear or under an older master key
 * is sealed under the active one on the way.
 *
 * No transaction is held open while an endpoint is called. Transactions that touch both
 * lock the subscription before its deliveries, as `claim` does.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { assertUnreachable } from '@cpx/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { FeedsConfig } from '../config/feeds.config';
import { needsSealing, openSecrets, resealSecrets, type StoredSecrets } from '../partners/subscription-secrets';
import { WebhookSecretVault } from '../partners/webhook-secret-vault';
import { decide, isSuccess, pauseAskedMs, type Decision } from './domain/retry-policy';
import { webhookData, type WebhookPayloadMode } from './domain/webhook-payload';
import { webhookBody, webhookHeaders } from './domain/webhook-signature';
import { DeliveredLog } from './delivered-log';
import { disableEndpoint } from './endpoint-disabling';
import { WebhookSender, type SendResult } from './webhook-sender';

export interface ClaimedDelivery {
  id: string;
  /** This attempt's number in the delivery's log (1, 2, ...). */
  attempt: number;
  /** Attempts made before the delivery was last replayed: the retry schedule counts from there. */
  retryBase: number;
  claimToken: string;
  subscriptionId: string;
  partnerId: string;
  payloadMode: WebhookPayloadMode;
  url: string;
  secrets: string[];
  /** The event's feed sequence: where a THIN body points the partner's feed. */
  sequence: string;
  type: string;
  occurredAt: Date;
  /** The recorded (FULL) data, JSON text. */
  data: string;
  /** Not before then: the endpoint's pace. */
  sendAt: Date;
}

interface ClaimedRow extends StoredSecrets {
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

/** Beyond the timeout, room for logging the attempt before the lease runs out. */
const LEASE_MARGIN_MS = 30_000;

/*
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
 * Deliveries parked for a disabled endpoint (parked-deliveries.ts) are not PENDING: they
 * are in none of the partial indexes read here, and their endpoint is not among the ready
 * ones, so a backlog parked for weeks costs a claim nothing.
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

@Injectable()
export class DeliverWebhookUseCase {
  private readonly logger = new Logger('WebhookDelivery');

  constructor(
    private readonly dataSource: DataSource,
    private readonly sender: WebhookSender,
    private readonly delivered: DeliveredLog,
    @Inject(WebhookSecretVault) private readonly vault: WebhookSecretVault,
    @Inject(FeedsConfig) private readonly config: FeedsConfig,
  ) {}

  async claim(limit: number): Promise<ClaimedDelivery[]> {
    const claimToken = randomUUID();
    const rows: ClaimedRow[] = await this.dataSource.query(CLAIM, [
      limit,
      claimToken,
      String(this.config.FEEDS_DELIVERY_TIMEOUT_MS + LEASE_MARGIN_MS + this.config.FEEDS_POLL_INTERVAL_MS),
      String(this.config.FEEDS_POLL_INTERVAL_MS),
      String(1_000 / this.config.FEEDS_ENDPOINT_RATE_PER_SECOND),
      this.config.FEEDS_ENDPOINT_CONCURRENCY,
    ]);
    const claimed: ClaimedDelivery[] = [];
    const stale = new Set<string>();
    for (const row of rows) {
      let secrets;
      try {
        secrets = openSecrets(this.vault, row.subscription_id, row);
      } catch (error) {
        // Not attempted, not logged as the partner's failure: the lease runs out and the
        // delivery is due again, once the key is configured. Ids only, never a secret.
        this.logger.error(`Delivery ${row.id} not attempted: the webhook secret of subscription ${row.subscription_id} does not open (${(error as Error).message})`);
        continue;
      }
      if (needsSealing(this.vault, row)) stale.add(row.subscription_id);
      claimed.push({
        id: row.id,
        attempt: row.attempts,
        retryBase: row.retry_base,
        claimToken,
        subscriptionId: row.subscription_id,
        partnerId: row.partner_id,
        payloadMode: row.payload_mode,
        url: row.webhook_url,
        secrets: row.previous_live && secrets.previous ? [secrets.current, secrets.previous] : [secrets.current],
        sequence: row.sequence,
        type: row.type,
        occurredAt: row.occurred_at,
        data: row.data,
        sendAt: row.send_at,
      });
    }
    for (const subscriptionId of stale) await this.reseal(subscriptionId);
    return claimed;
  }

  async attempt(delivery: ClaimedDelivery): Promise<Decision> {
    const wait = delivery.sendAt.getTime() - Date.now();
    if (wait > 0) await sleep(wait);
    const attemptedAt = new Date();
    const result = await this.send(delivery, attemptedAt);
    if (isSuccess(result)) {
      await this.delivered.record({
        deliveryId: delivery.id,
        claimToken: delivery.claimToken,
        subscriptionId: delivery.subscriptionId,
        attempt: delivery.attempt,
        attemptedAt,
        status: result.status!,
        latencyMs: result.latencyMs,
      });
      return { kind: 'delivered' };
    }
    const policy = {
      scheduleMs: this.config.retryScheduleMs,
      jitter: this.config.FEEDS_RETRY_JITTER,
      maxRetryAfterMs: this.config.FEEDS_MAX_RETRY_AFTER_MS,
      disableAfterFailingMs: this.config.FEEDS_DISABLE_AFTER_FAILING_MS,
    };
    return this.dataSource.transaction(async (tx) => {
      const failingSince = await this.recordFailure(tx, delivery.subscriptionId, attemptedAt);
      const pauseMs = pauseAskedMs(result, policy);
      if (pauseMs) await this.pauseEndpoint(tx, delivery.subscriptionId, pauseMs);
      const decision = decide(result, delivery.attempt - delivery.retryBase, policy, failingSince);
      await tx.query(
        `INSERT INTO delivery_attempt (delivery_id, attempt, attempted_at, status_code, latency_ms, error) VALUES ($1, $2, $3, $4, $5, $6)`,
        [delivery.id, delivery.attempt, attemptedAt, result.status ?? null, result.latencyMs, result.error ?? ''],
      );
      const common = [delivery.id, delivery.claimToken, result.status ?? null, result.error ?? ''];
      switch (decision.kind) {
        case 'delivered':
          await tx.query(
            `UPDATE webhook_delivery SET state = 'DELIVERED', delivered_at = now(), claim_token = NULL, last_status = $3, last_error = $4
             WHERE id = $1 AND claim_token = $2`,
            common,
          );
          break;
        case 'retry':
          await tx.query(
            `UPDATE webhook_delivery SET next_attempt_at = now() + ($5 || ' milliseconds')::interval, claim_token = NULL, last_status = $3, last_error = $4
             WHERE id = $1 AND claim_token = $2`,
            [...common, String(decision.delayMs)],
          );
          break;
        case 'disable':
          if (await disableEndpoint(tx, { subscriptionId: delivery.subscriptionId, reason: decision.reason, message: decision.message })) {
            this.logger.warn(`Subscription ${delivery.subscriptionId} disabled: ${decision.message}`);
          }
          await this.fail(tx, common);
          break;
        case 'give-up':
          await this.fail(tx, common);
          await this.endRunOfFailuresIfIdle(tx, delivery.subscriptionId);
          break;
        default:
          assertUnreachable(decision);
      }
      return decision;
    });
  }

  /** Seals a subscription's secrets under the active key; a failure only leaves them as they were. */
  private async reseal(subscriptionId: string): Promise<void> {
    try {
      await this.dataSource.transaction((tx) => resealSecrets(tx, this.vault, subscriptionId));
    } catch (error) {
      this.logger.warn(`Sealing the webhook secrets of subscription ${subscriptionId} failed: ${(error as Error).message}`);
    }
  }

  private async send(delivery: ClaimedDelivery, attemptedAt: Date): Promise<SendResult> {
    const data = webhookData(delivery.payloadMode, delivery, delivery.partnerId);
    const body = webhookBody(delivery.type, delivery.occurredAt, data);
    const headers = webhookHeaders({ id: delivery.id, timestampSeconds: Math.floor(attemptedAt.getTime() / 1000), body, secrets: delivery.secrets });
    return this.sender.send(delivery.url, headers, body, this.config.FEEDS_DELIVERY_TIMEOUT_MS);
  }

  /**
   * A failure starts the endpoint's run of failures or extends it. Returns its start. A run
   * ends with a success (delivered-log.ts), or when a delivery gives up with none other
   * pending (endRunOfFailuresIfIdle).
   */
  private async recordFailure(tx: EntityManager, subscriptionId: string, attemptedAt: Date): Promise<Date | undefined> {
    const rows: { failing_since: Date }[] = await tx.query(
      `WITH failing AS (UPDATE subscription SET failing_since = coalesce(failing_since, $2) WHERE id = $1 RETURNING failing_since)
       SELECT failing_since FROM failing`,
      [subscriptionId, attemptedAt],
    );
    return rows[0]?.failing_since;
  }

  /**
   * The run of failures that can disable an endpoint is one of continuous failure: the
   * endpoint had deliveries to take all along and failed every attempt. When this delivery
   * gives up and no other is pending, the endpoint has nothing left to fail; a failure
   * days later starts a run of its own instead of disabling the endpoint at once. Kept
   * while another delivery is pending: it is still being retried. The caller has locked
   * the subscription and marked this delivery FAILED.
   */
  private async endRunOfFailuresIfIdle(tx: EntityManager, subscriptionId: string): Promise<void> {
    await tx.query(
      `UPDATE subscription SET failing_since = NULL
       WHERE id = $1 AND failing_since IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM webhook_delivery WHERE subscription_id = $1 AND state = 'PENDING')`,
      [subscriptionId],
    );
  }

  /**
   * A Retry-After holds every delivery to the endpoint, not only the one it answered: the
   * claim takes none before next_send_at. Deliveries already claimed still go (at most
   * FEEDS_ENDPOINT_CONCURRENCY); a later pause never shortens an earlier one. The caller
   * has locked the subscription (recordFailure).
   */
  private async pauseEndpoint(tx: EntityManager, subscriptionId: string, pauseMs: number): Promise<void> {
    await tx.query(
      `UPDATE subscription SET next_send_at = greatest(next_send_at, now() + make_interval(secs => $2::float8 / 1000)) WHERE id = $1`,
      [subscriptionId, pauseMs],
    );
  }

  private async fail(tx: EntityManager, common: unknown[]): Promise<void> {
    await tx.query(
      `UPDATE webhook_delivery SET state = 'FAILED', claim_token = NULL, last_status = $3, last_error = $4 WHERE id = $1 AND claim_token = $2`,
      common,
    );
  }
}
