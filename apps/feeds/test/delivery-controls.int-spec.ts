/**
 * The feeds service's delivery controls on real Kafka and Postgres, with partners'
 * endpoints on 127.0.0.1 verifying every webhook with `standardwebhooks`: replay (one
 * delivery, or every failed one since a time) by the partner's admins only; an endpoint
 * failing for the whole window (shortened here) or answering 410 is disabled and an
 * operational event says so; each endpoint is paced to its rate without slowing another;
 * the feed forgets what is past retention and its cursors keep working.
 */
import { randomUUID } from 'node:crypto';
import { fromBinary } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { FeedsEvents, FeedsRequests, WebhookDisabledReason, WebhookEndpointDisabledSchema } from '@cpx/contracts';
import type { Principal } from '@cpx/platform';
import { failureOf, principals, waitFor, type ServiceHarness } from '@cpx/testing';
import type { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { FeedsConfig } from '../src/config/feeds.config';
import { publishAlertPosted } from './alert-posted';
import { secretOf, startFeedsSpec, type FeedsSpec } from './feeds-test-env';
import { WebhookReceiver, type ReceivedWebhook } from './webhook-receiver';

jest.setTimeout(90_000);

const RATE_PER_SECOND = 5;
const FAILING_WINDOW_MS = 2_500;

let harness: ServiceHarness<FeedsConfig>;
let producer: Producer;
let receiver: WebhookReceiver;
let db: DataSource;
const admin = principals.platformAdmin();

let spec: FeedsSpec;

beforeAll(async () => {
  spec = await startFeedsSpec({ env: { FEEDS_ENDPOINT_RATE_PER_SECOND: String(RATE_PER_SECOND), FEEDS_DISABLE_AFTER_FAILING_MS: String(FAILING_WINDOW_MS) }, eventTopics: [FeedsEvents.topic] });
  ({ harness, db, producer, receiver } = spec);
}, 180_000);

afterAll(async () => {
  await spec?.close();
}, 60_000);

const send = (...args: Parameters<FeedsSpec['send']>) => spec.send(...args);

const postAlert = (origin: string, targets: string[]): Promise<string> => publishAlertPosted(producer, origin, targets);

async function partner(countries: string[] = []): Promise<{ id: string; admin: Principal }> {
  const { partner } = await send('registerPartner', { name: `Partner ${randomUUID().slice(0, 8)}`, countries }, admin);
  return { id: partner.id, admin: { subject: `partner-admin-${randomUUID()}`, roles: ['partner'], partnerId: partner.id } };
}

/** A subscription to alerts about these countries, its endpoint verifying with its secret. */
async function subscribeEndpoint(owner: { id: string; admin: Principal }, name: string, countries: string[], answer: () => number = () => 200): Promise<string> {
  const secrets: string[] = [];
  const created = await send(
    'createSubscription',
    { partnerId: owner.id, eventTypes: ['cpx.alerts.v1.*'], countries, webhookUrl: receiver.endpoint(name, secrets, () => ({ status: answer() })) },
    owner.admin,
  );
  secrets.push(await secretOf(harness, FeedsRequests.createSubscription, created));
  return created.subscription.id;
}

const forAlert = (alertId: string) => (request: ReceivedWebhook) => request.body.includes(alertId);


const count = async (sql: string, parameters: unknown[]): Promise<number> => (await db.query(`SELECT count(*)::int AS n FROM (${sql}) AS rows`, parameters))[0].n;

describe('replay', () => {
  it('resends one delivery now with the same webhook-id, for the partner’s admins and platform admins only', async () => {
    const owner = await partner();
    const other = await partner();
    let status = 500;
    const subscriptionId = await subscribeEndpoint(owner, 'resend', ['LU'], () => status);
    const alertId = await postAlert('LU', ['BE']);
    await waitFor(async () => (await count(`SELECT 1 FROM webhook_delivery WHERE subscription_id = $1 AND state = 'FAILED'`, [subscriptionId])) === 1);
    const deliveryId = receiver.at('resend').filter(forAlert(alertId))[0].id;

    for (const stranger of [other.admin, principals.professional(randomUUID(), 'LU'), principals.nobody()]) {
      expect(await failureOf(() => send('resendWebhookDelivery', { deliveryId }, stranger))).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await failureOf(() => send('resendWebhookDelivery', { deliveryId: randomUUID() }, owner.admin))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failureOf(() => send('resendWebhookDelivery', { deliveryId: 'not-an-id' }, owner.admin))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'deliveryId' });
    expect(receiver.at('resend')).toHaveLength(2);

    status = 200;
    expect(await send('resendWebhookDelivery', { deliveryId }, owner.admin)).toEqual(expect.objectContaining({ deliveryId, subscriptionId }));
    await waitFor(() => receiver.at('resend').length === 3);
    // The endpoint has it before the attempt is logged: until then a resend is a CONFLICT.
    await waitFor(async () => (await count(`SELECT 1 FROM webhook_delivery WHERE id = $1 AND state = 'DELIVERED'`, [deliveryId])) === 1);
    // A platform admin may too, even once delivered (a partner may have lost it).
    await send('resendWebhookDelivery', { deliveryId }, admin);
    await waitFor(() => receiver.at('resend').length === 4);
    const requests = receiver.at('resend');
    expect(new Set(requests.map((request) => request.id))).toEqual(new Set([deliveryId]));
    expect(new Set(requests.map((request) => request.body)).size).toBe(1);
    expect(requests.every((request) => request.verifiedWith.length === 1)).toBe(true);
    await waitFor(async () => (await count(`SELECT 1 FROM webhook_delivery WHERE id = $1 AND state = 'DELIVERED'`, [deliveryId])) === 1);
    const log = await send('listDeliveryAttempts', { subscriptionId }, owner.admin);
    expect(log.items.map((item: { attempt: number; statusCode: number }) => [item.attempt, item.statusCode])).toEqual([
      [4, 200],
      [3, 200],
      [2, 500],
      [1, 500],
    ]);
  });

  it('redelivers every failed delivery of a subscription since a time, and none before it', async () => {
    const owner = await partner();
    const other = await partner();
    let status = 503;
    const subscriptionId = await subscribeEndpoint(owner, 'redeliver', ['MT'], () => status);
    const alertIds = [await postAlert('MT', ['IT']), await postAlert('MT', ['IT']), await postAlert('MT', ['IT'])];
    await waitFor(async () => (await count(`SELECT 1 FROM webhook_delivery WHERE subscription_id = $1 AND state = 'FAILED'`, [subscriptionId])) === 3);
    const idOf = (alertId: string) => receiver.at('redeliver').find(forAlert(alertId))!.id;
    // The first event was recorded an hour ago, before `since`.
    await db.query(`UPDATE webhook_delivery SET created_at = now() - interval '1 hour' WHERE id = $1`, [idOf(alertIds[0])]);
    const since = timestampFromDate(new Date(Date.now() - 10 * 60_000));

    expect(await failureOf(() => send('redeliverFailedWebhooks', { subscriptionId, since }, other.admin))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failureOf(() => send('redeliverFailedWebhooks', { subscriptionId: randomUUID(), since }, owner.admin))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failureOf(() => send('redeliverFailedWebhooks', { subscriptionId }, owner.admin))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'since' });

    status = 200;
    const before = receiver.at('redeliver').length;
    expect(await send('redeliverFailedWebhooks', { subscriptionId, since }, owner.admin)).toEqual(expect.objectContaining({ requeued: 2 }));
    await waitFor(async () => (await count(`SELECT 1 FROM webhook_delivery WHERE subscription_id = $1 AND state = 'DELIVERED'`, [subscriptionId])) === 2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const redelivered = receiver.at('redeliver').slice(before);
    expect(redelivered.map((request) => request.id).sort()).toEqual([idOf(alertIds[1]), idOf(alertIds[2])].sort());
    expect((await send('redeliverFailedWebhooks', { subscriptionId, since }, admin)).requeued).toBe(0);
  });
});

describe('disabling an endpoint', () => {
  const disabledEvent = async (subscriptionId: string) => {
    const seen = await harness.events.waitFor((event) => event.topic === FeedsEvents.topic && event.key === subscriptionId);
    expect(seen.cloudEvent).toMatchObject({ type: 'cpx.feeds.v1.WebhookEndpointDisabled', source: '/cpx/feeds', subject: `subscriptions/${subscriptionId}` });
    return fromBinary(WebhookEndpointDisabledSchema, seen.value);
  };

  it('disables an endpoint after failing without a break for the window, says so once, and a redelivery enables it again', async () => {
    const owner = await partner();
    let status = 500;
    const subscriptionId = await subscribeEndpoint(owner, 'failing', ['CY'], () => status);
    const enabled = async () => (await db.query(`SELECT enabled FROM subscription WHERE id = $1`, [subscriptionId]))[0].enabled as boolean;
    const startedAt = new Date();
    // Events keep coming faster than the endpoint's pace lets them go: it always has
    // deliveries to retry, and fails every attempt, until it is disabled.
    const alertIds: string[] = [];
    while (await enabled()) {
      if (Date.now() - startedAt.getTime() > FAILING_WINDOW_MS + 15_000) throw new Error('The failing endpoint was never disabled.');
      alertIds.push(await postAlert('CY', ['GR']));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(Date.now() - startedAt.getTime()).toBeGreaterThanOrEqual(FAILING_WINDOW_MS);

    const event = await disabledEvent(subscriptionId);
    expect(event).toMatchObject({ subscriptionId, partnerId: owner.id, webhookUrl: expect.stringContaining('/hooks/failing'), reason: WebhookDisabledReason.FAILING_5_DAYS });
    expect(timestampDate(event.failingSince!).getTime()).toBeGreaterThanOrEqual(startedAt.getTime() - 1_000);
    expect(timestampDate(event.failingSince!).getTime()).toBeLessThan(startedAt.getTime() + 2_000);
    expect((await send('listSubscriptions', { partnerId: owner.id }, owner.admin)).subscriptions[0].disabledReason).toMatch(/failed since/);

    status = 200;
    // Once the attempts under way have ended, every failed delivery is queued again.
    await waitFor(async () => (await count(`SELECT 1 FROM webhook_delivery WHERE subscription_id = $1 AND claim_token IS NOT NULL AND state = 'PENDING'`, [subscriptionId])) === 0);
    const failed = await count(`SELECT 1 FROM webhook_delivery WHERE subscription_id = $1 AND state = 'FAILED'`, [subscriptionId]);
    expect(failed).toBeGreaterThan(0);
    expect((await send('redeliverFailedWebhooks', { subscriptionId, since: timestampFromDate(startedAt) }, owner.admin)).requeued).toBe(failed);
    // Every delivery reaches the endpoint once it is enabled again: those requeued and those still pending.
    await waitFor(async () => (await count(`SELECT 1 FROM webhook_delivery WHERE subscription_id = $1 AND state <> 'DELIVERED'`, [subscriptionId])) === 0, 30_000);
    expect(receiver.at('failing').filter(forAlert(alertIds[0])).length).toBeGreaterThanOrEqual(2);
    expect((await send('listSubscriptions', { partnerId: owner.id }, owner.admin)).subscriptions[0]).toMatchObject({ enabled: true, disabledReason: '' });
    expect(harness.events.seen.filter((seen) => seen.key === subscriptionId)).toHaveLength(1);
  });

  it('does not count a quiet spell: a failure after the endpoint had nothing left to retry starts a run of its own', async () => {
    const owner = await partner();
    const subscriptionId = await subscribeEndpoint(owner, 'quiet', ['SM'], () => 500);
    const failed = () => count(`SELECT 1 FROM webhook_delivery WHERE subscription_id = $1 AND state = 'FAILED'`, [subscriptionId]);
    await postAlert('SM', ['IT']);
    await waitFor(async () => (await failed()) === 1);
    // Retries exhausted and nothing else pending: the endpoint's run of failures is over.
    expect(await count(`SELECT 1 FROM subscription WHERE id = $1 AND failing_since IS NULL`, [subscriptionId])).toBe(1);
    // Longer than the window, then one more event, which fails too.
    await new Promise((resolve) => setTimeout(resolve, FAILING_WINDOW_MS + 500));
    await postAlert('SM', ['IT']);
    await waitFor(async () => (await failed()) === 2);
    expect((await send('listSubscriptions', { partnerId: owner.id }, owner.admin)).subscriptions[0]).toMatchObject({ enabled: true, disabledReason: '' });
    expect(receiver.at('quiet')).toHaveLength(4);
  });

  it('says so for 410 Gone too', async () => {
    const owner = await partner();
    const subscriptionId = await subscribeEndpoint(owner, 'gone', ['LI'], () => 410);
    await postAlert('LI', ['CH']);
    expect(await disabledEvent(subscriptionId)).toMatchObject({ subscriptionId, partnerId: owner.id, reason: WebhookDisabledReason.GONE_410 });
  });
});

describe('rate limit', () => {
  it('paces an endpoint to its rate (late, never dropped) while another endpoint is unaffected', async () => {
    const owner = await partner();
    await subscribeEndpoint(owner, 'paced', ['LT']);
    await subscribeEndpoint(owner, 'unpaced', ['LV']);
    const burst = 12;
    const paced: string[] = [];
    for (let i = 0; i < burst; i += 1) paced.push(await postAlert('LT', ['EE']));
    await waitFor(async () => (await count(`SELECT 1 FROM feed_event WHERE data LIKE ANY($1)`, [paced.map((id) => `%${id}%`)])) === burst);
    const publishedAt = Date.now();
    const other = await postAlert('LV', ['EE']);
    const otherArrived = await receiver.waitFor((request) => request.path === '/hooks/unpaced' && forAlert(other)(request));
    await waitFor(() => receiver.at('paced').length === burst);

    const times = receiver.at('paced').map((request) => request.receivedAt).sort((a, b) => a - b);
    // At most RATE_PER_SECOND in any second: the (n + RATE)th comes a second after the nth.
    for (let i = 0; i + RATE_PER_SECOND < times.length; i += 1) expect(times[i + RATE_PER_SECOND] - times[i]).toBeGreaterThanOrEqual(950);
    expect(new Set(receiver.at('paced').map((request) => request.id)).size).toBe(burst);
    // The other endpoint did not queue behind the paced one's backlog.
    expect(otherArrived.receivedAt - publishedAt).toBeLessThan(1_000);
    expect(otherArrived.receivedAt).toBeLessThan(times[burst - 1]);
  });
});

describe('feed retention', () => {
  it('deletes events past retention with their deliveries, and a cursor into them continues from the oldest kept', async () => {
    const owner = await partner(['IS']);
    const subscriptionId = await subscribeEndpoint(owner, 'retention', ['IS']);
    for (let i = 0; i < 3; i += 1) await postAlert('IS', ['NO']);
    await waitFor(async () => (await count(`SELECT 1 FROM webhook_delivery WHERE subscription_id = $1 AND state = 'DELIVERED'`, [subscriptionId])) === 3);
    const all = await send('getPartnerFeed', { partnerId: owner.id, page: { first: 100 } }, owner.admin);
    expect(all.items).toHaveLength(3);
    const firstPage = await send('getPartnerFeed', { partnerId: owner.id, page: { first: 1 } }, owner.admin);
    const expired = all.items.slice(0, 2).map((item: { eventId: string }) => item.eventId);

    await db.query(`UPDATE feed_event SET recorded_at = now() - interval '31 days' WHERE event_id = ANY($1)`, [expired]);
    await waitFor(async () => (await count(`SELECT 1 FROM feed_event WHERE event_id = ANY($1)`, [expired])) === 0, 10_000);
    expect(await count(`SELECT 1 FROM webhook_delivery WHERE subscription_id = $1`, [subscriptionId])).toBe(1);
    expect(await count(`SELECT 1 FROM delivery_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id WHERE d.subscription_id = $1`, [subscriptionId])).toBe(1);

    const kept = all.items[2].eventId;
    const afterExpired = await send('getPartnerFeed', { partnerId: owner.id, page: { first: 10, after: firstPage.endCursor } }, owner.admin);
    expect(afterExpired.items.map((item: { eventId: string }) => item.eventId)).toEqual([kept]);
    expect(afterExpired.hasNextPage).toBe(false);
    const fromStart = await send('getPartnerFeed', { partnerId: owner.id, page: { first: 10 } }, owner.admin);
    expect(fromStart.items.map((item: { eventId: string }) => item.eventId)).toEqual([kept]);
    const log = await send('listDeliveryAttempts', { subscriptionId }, owner.admin);
    expect(log.items.map((item: { eventId: string }) => item.eventId)).toEqual([kept]);
  });
});
