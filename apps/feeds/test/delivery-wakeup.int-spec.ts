/**
 * A new delivery leaves at once, not at the delivery workers' next poll: the transaction
 * that creates it NOTIFYs them. The poll is set to a minute here, so anything that waits
 * for it fails the test. Real Kafka and Postgres; the endpoint verifies every webhook with
 * `standardwebhooks`.
 */
import { randomUUID } from 'node:crypto';
import { FeedsEvents, FeedsRequests } from '@cpx/contracts';
import { principals, type ServiceHarness } from '@cpx/testing';
import type { Producer } from 'kafkajs';
import { FeedsConfig } from '../src/config/feeds.config';
import { publishAlertPosted } from './alert-posted';
import { driveFeeds, secretOf, startFeedsHarness, type FeedsSpec } from './feeds-test-env';
import { WebhookReceiver } from './webhook-receiver';

jest.setTimeout(90_000);

const POLL_MS = 60_000;
/** Far below the poll, far above a delivery on an idle machine (a few ms). */
const PROMPT_MS = 5_000;

let harness: ServiceHarness<FeedsConfig>;
let producer: Producer;
let receiver: WebhookReceiver;
let spec: FeedsSpec;
const admin = principals.platformAdmin();

beforeAll(async () => {
  // A service that refuses its configuration stops the harness's stack with it: the
  // harness below starts on the same instance, which would otherwise still be in use.
  await expect(startFeedsHarness({ FEEDS_SECRET_KEYS: 'not-a-key' }, [FeedsEvents.topic])).rejects.toThrow(/FEEDS_SECRET_KEYS/);
  spec = await driveFeeds(await startFeedsHarness({ FEEDS_POLL_INTERVAL_MS: String(POLL_MS), FEEDS_RETRY_JITTER: '0' }, [FeedsEvents.topic]));
  ({ harness, producer, receiver } = spec);
}, 180_000);

afterAll(async () => {
  await spec?.close();
}, 60_000);

const postAlert = (origin: string, targets: string[]): Promise<string> => publishAlertPosted(producer, origin, targets);

async function within(timeoutMs: number, check: () => boolean): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

it('attempts each new delivery at once, several in a row, and a resend too, with the poll a minute away', async () => {
  const { partner } = await harness.requests.send(FeedsRequests.registerPartner, { name: `Partner ${randomUUID().slice(0, 8)}`, countries: [] }, admin);
  const secrets: string[] = [];
  const created = await harness.requests.send(
    FeedsRequests.createSubscription,
    { partnerId: partner!.id, eventTypes: ['cpx.alerts.v1.*'], countries: ['HR'], webhookUrl: receiver.endpoint('prompt', secrets) },
    admin,
  );
  secrets.push(await secretOf(harness, FeedsRequests.createSubscription, created));

  // One after another, each after the worker has gone back to sleep: every one must wake it.
  for (let index = 0; index < 3; index += 1) {
    const alertId = await postAlert('RS', ['HR']);
    await within(PROMPT_MS, () => receiver.at('prompt').some((request) => request.body.includes(alertId)));
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const delivered = receiver.at('prompt');
  expect(delivered).toHaveLength(3);
  expect(delivered.every((request) => request.verifiedWith.length > 0)).toBe(true);

  const resent = await harness.requests.send(FeedsRequests.resendWebhookDelivery, { deliveryId: delivered[0]!.id }, admin);
  expect(resent.deliveryId).toBe(delivered[0]!.id);
  await within(PROMPT_MS, () => receiver.at('prompt').filter((request) => request.id === delivered[0]!.id).length === 2);
});
