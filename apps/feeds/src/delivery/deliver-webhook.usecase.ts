/**
 * One attempt of a claimed webhook delivery (claim-webhook-deliveries.usecase.ts claims
 * them): it waits for the send time, builds the body in the delivery's payload mode
 * (THIN or FULL, domain/webhook-payload.ts: the subscription's when the event was
 * recorded; the claim reads it with the delivery, no query of its own), signs and POSTs
 * to the subscription's webhook URL as it is now (same webhook-id and body on every attempt,
 * a fresh webhook-timestamp each time), logs the attempt and decides what comes next
 * (domain/retry-policy.ts). Successes are logged in batches (delivered-log.ts); a
 * failure's next step depends on the endpoint's history and is decided in a transaction
 * of its own. A Retry-After (429, 503) holds the endpoint, not only the delivery: it
 * pushes subscription.next_send_at, the pace the claim keeps. The endpoint's run of
 * failures (which disables it after FEEDS_DISABLE_AFTER_FAILING_MS) ends with a success,
 * or when a delivery gives up with none other pending. The sender checks the endpoint's
 * address as it connects (SSRF, in every mode); a refused endpoint is a failed attempt
 * like any other: retried on the schedule, then given up, and it counts towards
 * disabling the endpoint (a name can be pointed back where it belongs; a refusal that
 * lasts while deliveries keep coming ends in FAILING_5_DAYS).
 *
 * No transaction is held open while an endpoint is called. Transactions that touch both
 * lock the subscription before its deliveries, as the claim does.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { assertUnreachable } from '@cpx/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { FeedsConfig } from '../config/feeds.config';
import { DeliveredLog } from './delivered-log';
import { insertAttempt, markDelivered, markFailed, scheduleRetry, type Leased } from './delivery.store';
import type { ClaimedDelivery } from './domain/claimed-delivery';
import { decide, isSuccess, pauseAskedMs, type Decision, type RetryPolicy } from './domain/retry-policy';
import { webhookData } from './domain/webhook-payload';
import { webhookBody, webhookHeaders } from './domain/webhook-signature';
import { disableEndpoint } from './endpoint-disabling';
import { endRunOfFailuresIfIdle, pauseEndpoint, recordFailure } from './endpoint.store';
import { WebhookSender, type SendResult } from './webhook-sender';

@Injectable()
export class DeliverWebhookUseCase {
  private readonly logger = new Logger('WebhookDelivery');

  constructor(
    private readonly dataSource: DataSource,
    private readonly sender: WebhookSender,
    private readonly delivered: DeliveredLog,
    @Inject(FeedsConfig) private readonly config: FeedsConfig,
  ) {}

  async execute(delivery: ClaimedDelivery): Promise<Decision> {
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
    return this.dataSource.transaction((tx) => this.recordFailedAttempt(tx, delivery, result, attemptedAt));
  }

  private async send(delivery: ClaimedDelivery, attemptedAt: Date): Promise<SendResult> {
    const data = webhookData(delivery.payloadMode, delivery, delivery.partnerId);
    const body = webhookBody(delivery.type, delivery.occurredAt, data);
    const headers = webhookHeaders({ id: delivery.id, timestampSeconds: Math.floor(attemptedAt.getTime() / 1000), body, secrets: delivery.secrets });
    return this.sender.send(delivery.url, headers, body, this.config.FEEDS_DELIVERY_TIMEOUT_MS);
  }

  /**
   * A failed attempt, in one transaction: the endpoint's run of failures first (which locks
   * the subscription before its deliveries), any pause it asked for, the attempt's row,
   * then the delivery's next step.
   */
  private async recordFailedAttempt(tx: EntityManager, delivery: ClaimedDelivery, result: SendResult, attemptedAt: Date): Promise<Decision> {
    const policy = this.retryPolicy();
    const failingSince = await recordFailure(tx, delivery.subscriptionId, attemptedAt);
    const pauseMs = pauseAskedMs(result, policy);
    if (pauseMs) await pauseEndpoint(tx, delivery.subscriptionId, pauseMs);
    const decision = decide(result, delivery.attempt - delivery.retryBase, policy, failingSince);
    const outcome: Leased = { deliveryId: delivery.id, claimToken: delivery.claimToken, status: result.status ?? null, error: result.error ?? '' };
    await insertAttempt(tx, { deliveryId: delivery.id, attempt: delivery.attempt, attemptedAt, status: outcome.status, latencyMs: result.latencyMs, error: outcome.error });
    switch (decision.kind) {
      case 'delivered':
        await markDelivered(tx, outcome);
        break;
      case 'retry':
        await scheduleRetry(tx, outcome, decision.delayMs);
        break;
      case 'disable':
        if (await disableEndpoint(tx, { subscriptionId: delivery.subscriptionId, reason: decision.reason, message: decision.message })) {
          this.logger.warn(`Subscription ${delivery.subscriptionId} disabled: ${decision.message}`);
        }
        await markFailed(tx, outcome);
        break;
      case 'give-up':
        await markFailed(tx, outcome);
        // The run of failures that can disable an endpoint is one of continuous failure:
        // when this delivery gives up and no other is pending, the endpoint has nothing left
        // to fail, and a failure days later starts a run of its own instead of disabling it
        // at once. After marking this one FAILED, so that it does not count as pending.
        await endRunOfFailuresIfIdle(tx, delivery.subscriptionId);
        break;
      default:
        assertUnreachable(decision);
    }
    return decision;
  }

  private retryPolicy(): RetryPolicy {
    return {
      scheduleMs: this.config.retryScheduleMs,
      jitter: this.config.FEEDS_RETRY_JITTER,
      maxRetryAfterMs: this.config.FEEDS_MAX_RETRY_AFTER_MS,
      disableAfterFailingMs: this.config.FEEDS_DISABLE_AFTER_FAILING_MS,
    };
  }
}
