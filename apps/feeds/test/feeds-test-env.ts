/**
 * What every feeds int spec runs with, besides its own settings: partners' endpoints are
 * receivers on 127.0.0.1, which the SSRF guard refuses unless private endpoints are
 * allowed. The service seals each new webhook secret to the gateway in its reply
 * (src/partners/sealed-secret-reply.ts); the specs open it as the gateway does, with the
 * harness's gateway keys.
 */
import { randomBytes } from 'node:crypto';
import { FeedsRequests, WebhookSecretSchema } from '@cpx/contracts';
import { webhookSecretContext, type PayloadOpener, type Principal } from '@cpx/platform';
import { startServiceHarness, type ServiceHarness } from '@cpx/testing';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { FeedsModule } from '../src/app.module';
import { FeedsConfig } from '../src/config/feeds.config';
import type { SecretOperation } from '../src/partners/sealed-secret-reply';
import { WebhookReceiver } from './webhook-receiver';

export const FEEDS_TEST_ENV = { FEEDS_ALLOW_PRIVATE_ENDPOINTS: 'true' };

/** The secret of a create or rotate reply, opened as the gateway does; fails the spec if the reply carries it in clear. */
export async function secretOf(
  harness: { gateway: { opener: PayloadOpener } },
  operation: SecretOperation,
  reply: { subscription?: { id: string }; secret: string; sealedSecret: Uint8Array },
): Promise<string> {
  if (reply.secret !== '') throw new Error('The reply carries the webhook secret in clear.');
  return (await harness.gateway.opener.open(WebhookSecretSchema, reply.sealedSecret, webhookSecretContext(operation, reply.subscription!.id), 'secret')).secret;
}

/** One feeds service for a delivery spec, with what the spec drives it with. */
export interface FeedsSpec {
  harness: ServiceHarness<FeedsConfig>;
  db: DataSource;
  /** Publishes the events the service consumes. */
  producer: Producer;
  /** Partners' endpoints on 127.0.0.1. */
  receiver: WebhookReceiver;
  send(op: keyof typeof FeedsRequests, request: Record<string, unknown>, principal: Principal): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test shorthand over a typed registry
  close(): Promise<void>;
}

/**
 * The feeds service on real Kafka and Postgres, with FEEDS_TEST_ENV and secret keys of the
 * spec's own, then `env` (which may override them).
 */
export function startFeedsHarness(env: Record<string, string>, eventTopics: string[] = []): Promise<ServiceHarness<FeedsConfig>> {
  return startServiceHarness({
    service: 'feeds',
    configSchema: FeedsConfig,
    module: (config) => FeedsModule.forConfig(config),
    eventTopics,
    env: { ...FEEDS_TEST_ENV, FEEDS_SECRET_KEYS: `test-1:${randomBytes(32).toString('base64')}`, FEEDS_ACTIVE_SECRET_KEY_ID: 'test-1', ...env },
  });
}

/** A started service with what a spec drives it with: a producer of the events it consumes, partners' endpoints. */
export async function driveFeeds(harness: ServiceHarness<FeedsConfig>): Promise<FeedsSpec> {
  const producer = new Kafka({ clientId: 'cpx-test-events', ...harness.stack.kafkaConnection(), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  const receiver = await WebhookReceiver.start();
  return {
    harness,
    db: harness.app.get(DataSource),
    producer,
    receiver,
    send: (op, request, principal) => harness.requests.send(FeedsRequests[op] as never, request as never, principal),
    async close() {
      await producer.disconnect().catch(() => undefined);
      await receiver.close();
      await harness.close();
    },
  };
}

/**
 * The service with delivery settings fast enough for a spec (a retry after 200 ms, polled
 * every 50 ms, a 2.5 s timeout, retention swept every 300 ms), and the spec's own on top.
 */
export async function startFeedsSpec(options: { env: Record<string, string>; eventTopics?: string[] }): Promise<FeedsSpec> {
  const env = {
    FEEDS_RETRY_SCHEDULE_MS: '0,200',
    FEEDS_RETRY_JITTER: '0',
    FEEDS_POLL_INTERVAL_MS: '50',
    FEEDS_DELIVERY_TIMEOUT_MS: '2500',
    FEEDS_RETENTION_SWEEP_MS: '300',
    ...options.env,
  };
  return driveFeeds(await startFeedsHarness(env, options.eventTopics));
}
