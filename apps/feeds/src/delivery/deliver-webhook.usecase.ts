/**
 * Webhook delivery from Postgres, one delivery at a time per call:
 *
 * - `claim` takes due deliveries with FOR UPDATE SKIP LOCKED, so instances never take the
 *   same one, and leases them by pushing next_attempt_at past the timeout: if the
 *   instance dies mid-attempt, the delivery is simply due again later.
 * - `attempt` signs and POSTs one delivery (same webhook-id on every attempt, a fresh
 *   webhook-timestamp each time), logs the attempt and decides what comes next.
 *
 * No transaction is held open while an endpoint is called.
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FeedsConfig } from '../config/feeds.config';
import { decide, type Decision } from './domain/retry-policy';
import { webhookBody, webhookHeaders } from './domain/webhook-signature';
import { WebhookSender } from './webhook-sender';

export interface ClaimedDelivery {
  id: string;
  attempt: number;
  claimToken: string;
  subscriptionId: string;
  url: string;
  secrets: string[];
  type: string;
  occurredAt: Date;
  data: string;
}

interface ClaimedRow {
  id: string;
  attempts: number;
  subscription_id: string;
  webhook_url: string;
  secret: string;
  previous_secret: string | null;
  previous_live: boolean;
  type: string;
  occurred_at: Date;
  data: string;
}

/** Beyond the timeout, room for logging the attempt before the lease runs out. */
const LEASE_MARGIN_MS = 30_000;

@Injectable()
export class DeliverWebhookUseCase {
  private readonly logger = new Logger('WebhookDelivery');

  constructor(
    private readonly dataSource: DataSource,
    private readonly sender: WebhookSender,
    @Inject(FeedsConfig) private readonly config: FeedsConfig,
  ) {}

  async claim(limit: number): Promise<ClaimedDelivery[]> {
    const claimToken = randomUUID();
    const rows: ClaimedRow[] = await this.dataSource.query(
      `WITH due AS (
         SELECT d.id FROM webhook_delivery d JOIN subscription s ON s.id = d.subscription_id
         WHERE d.state = 'PENDING' AND d.next_attempt_at <= now() AND s.enabled AND s.webhook_url IS NOT NULL
         ORDER BY d.next_attempt_at
         LIMIT $1
         FOR UPDATE OF d SKIP LOCKED
       ), claimed AS (
         UPDATE webhook_delivery d
         SET attempts = d.attempts + 1, claim_token = $2, next_attempt_at = now() + ($3 || ' milliseconds')::interval
         FROM due WHERE d.id = due.id
         RETURNING d.id, d.attempts, d.subscription_id, d.sequence
       )
       SELECT c.id, c.attempts, c.subscription_id, s.webhook_url, s.secret, s.previous_secret,
              (s.previous_secret_expires_at IS NOT NULL AND s.previous_secret_expires_at > now()) AS previous_live,
              e.type, e.occurred_at, e.data
       FROM claimed c JOIN subscription s ON s.id = c.subscription_id JOIN feed_event e ON e.sequence = c.sequence`,
      [limit, claimToken, String(this.config.FEEDS_DELIVERY_TIMEOUT_MS + LEASE_MARGIN_MS)],
    );
    return rows.map((row) => ({
      id: row.id,
      attempt: row.attempts,
      claimToken,
      subscriptionId: row.subscription_id,
      url: row.webhook_url,
      secrets: row.previous_live && row.previous_secret ? [row.secret, row.previous_secret] : [row.secret],
      type: row.type,
      occurredAt: row.occurred_at,
      data: row.data,
    }));
  }

  async attempt(delivery: ClaimedDelivery): Promise<Decision> {
    const body = webhookBody(delivery.type, delivery.occurredAt, delivery.data);
    const attemptedAt = new Date();
    const headers = webhookHeaders({ id: delivery.id, timestampSeconds: Math.floor(attemptedAt.getTime() / 1000), body, secrets: delivery.secrets });
    const result = await this.sender.send(delivery.url, headers, body, this.config.FEEDS_DELIVERY_TIMEOUT_MS);
    const decision = decide(result, delivery.attempt, {
      scheduleMs: this.config.retryScheduleMs,
      jitter: this.config.FEEDS_RETRY_JITTER,
      maxRetryAfterMs: this.config.FEEDS_MAX_RETRY_AFTER_MS,
    });
    await this.dataSource.transaction(async (tx) => {
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
          await tx.query(`UPDATE subscription SET enabled = false, disabled_reason = $2 WHERE id = $1`, [delivery.subscriptionId, decision.reason]);
          this.logger.warn(`Subscription ${delivery.subscriptionId} disabled: ${decision.reason}`);
          await this.fail(tx, common);
          break;
        case 'give-up':
          await this.fail(tx, common);
          break;
      }
    });
    return decision;
  }

  private async fail(tx: { query: DataSource['query'] }, common: unknown[]): Promise<void> {
    await tx.query(
      `UPDATE webhook_delivery SET state = 'FAILED', claim_token = NULL, last_status = $3, last_error = $4 WHERE id = $1 AND claim_token = $2`,
      common,
    );
  }
}
