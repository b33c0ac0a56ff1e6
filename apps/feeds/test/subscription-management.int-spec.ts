/**
 * Managing a partner's subscriptions on real Kafka and Postgres, with partners' endpoints
 * on 127.0.0.1 verifying every webhook with `standardwebhooks`: a subscription changed in
 * place (same id and secret, its pending webhooks going to its new URL, new filters and
 * payload mode for what is recorded next, optimistic concurrency); a disabled endpoint's
 * webhooks parked, not lost, and sent in feed order once it is enabled or redelivered to,
 * also when an event is recorded as it is enabled, and forgotten with their events past
 * retention; creates made safe to retry by an idempotency key; only the partner's admins
 * and platform admins, with nothing changed on a refusal.
 */
import { randomUUID } from 'node:crypto';
import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AlertKind, AlertsEvents, AlertStatus, FeedsRequests, PayloadMode, Urgency } from '@cpx/contracts';
import { ReceivedEvent, type Principal } from '@cpx/platform';
import { failureOf, principals, waitFor, type ServiceHarness } from '@cpx/testing';
import type { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { FeedsConfig } from '../src/config/feeds.config';
import { FEED_APPEND_LOCK } from '../src/feed/feed.store';
import { RecordFeedEventUseCase } from '../src/feed/record-feed-event.usecase';
import { publishAlertPosted } from './alert-posted';
import { secretOf, startFeedsSpec, type FeedsSpec } from './feeds-test-env';
import { WebhookReceiver, type Behaviour, type ReceivedWebhook } from './webhook-receiver';

jest.setTimeout(90_000);

/** Slow enough that an endpoint's webhooks arrive in the order they leave (100 ms apart). */
const RATE_PER_SECOND = 10;

let harness: ServiceHarness<FeedsConfig>;
let producer: Producer;
let receiver: WebhookReceiver;
let db: DataSource;
const admin = principals.platformAdmin();

let spec: FeedsSpec;

beforeAll(async () => {
  spec = await startFeedsSpec({ env: { FEEDS_ENDPOINT_RATE_PER_SECOND: String(RATE_PER_SECOND) } });
  ({ harness, db, producer, receiver } = spec);
}, 180_000);

afterAll(async () => {
  await spec?.close();
}, 60_000);

const send = (...args: Parameters<FeedsSpec['send']>) => spec.send(...args);

const postAlert = (origin: string, targets: string[]): Promise<string> => publishAlertPosted(producer, origin, targets);

async function partner(): Promise<{ id: string; admin: Principal }> {
  const { partner } = await send('registerPartner', { name: `Partner ${randomUUID().slice(0, 8)}`, countries: [] }, admin);
  return { id: partner.id, admin: { subject: `partner-admin-${randomUUID()}`, roles: ['partner'], partnerId: partner.id } };
}

interface Endpoint {
  id: string;
  secrets: string[];
  subscription: { id: string; version: bigint; webhookUrl: string; previousSecretExpiresAt?: unknown };
}

/** A subscription to alerts about these countries, its endpoint `/hooks/<name>` verifying with its secrets. */
async function subscribe(owner: { id: string; admin: Principal }, name: string, countries: string[], options: { behaviour?: Behaviour; payloadMode?: PayloadMode; idempotencyKey?: string } = {}): Promise<Endpoint> {
  const secrets: string[] = [];
  const reply = await send(
    'createSubscription',
    {
      partnerId: owner.id,
      eventTypes: ['cpx.alerts.v1.*'],
      countries,
      webhookUrl: receiver.endpoint(name, secrets, options.behaviour),
      payloadMode: options.payloadMode ?? PayloadMode.UNSPECIFIED,
      idempotencyKey: options.idempotencyKey ?? '',
    },
    owner.admin,
  );
  secrets.push(await secretOf(harness, FeedsRequests.createSubscription, reply));
  return { id: reply.subscription.id, secrets, subscription: reply.subscription };
}

const forAlert = (alertId: string) => (request: ReceivedWebhook) => request.body.includes(alertId);
const alertOf = (request: ReceivedWebhook): string => JSON.parse(request.body).data.alertId;
const count = async (sql: string, parameters: unknown[]): Promise<number> => (await db.query(`SELECT count(*)::int AS n FROM (${sql}) AS rows`, parameters))[0].n;
const deliveriesIn = (state: string, subscriptionId: string) => count(`SELECT 1 FROM webhook_delivery WHERE subscription_id = $1 AND state = $2`, [subscriptionId, state]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The alerts of a subscription's deliveries, in feed order (the order CPX recorded them in, not the order they were published). */
async function inFeedOrder(subscriptionId: string): Promise<string[]> {
  const rows: { data: string }[] = await db.query(
    `SELECT e.data FROM webhook_delivery d JOIN feed_event e ON e.sequence = d.sequence WHERE d.subscription_id = $1 ORDER BY e.sequence`,
    [subscriptionId],
  );
  return rows.map((row) => JSON.parse(row.data).alertId);
}

/** The alerts in the order their first webhook reached the endpoint. */
const arrivalOrder = (name: string): string[] => [...new Set(receiver.at(name).map(alertOf))];

async function settings(subscriptionId: string): Promise<{ webhook_url: string; countries: string[]; payload_mode: string; version: number; enabled: boolean }> {
  const [row] = await db.query(`SELECT webhook_url, countries, payload_mode, version, enabled FROM subscription WHERE id = $1`, [subscriptionId]);
  return row;
}

describe('updating a subscription', () => {
  it('moves it to a new webhook URL in place: same id and secret, its pending webhooks going there, its version moving, a stale version refused with nothing changed', async () => {
    const owner = await partner();
    const endpoint = await subscribe(owner, 'moving-old', ['AD'], {
      // Holds the endpoint, and this delivery, for 3 s: it is still pending when the URL changes.
      behaviour: () => ({ status: 429, headers: { 'retry-after': '3' } }),
    });
    expect(endpoint.subscription.version).toBe(1n);
    const alertId = await postAlert('AD', ['ES']);
    const first = await receiver.waitFor((request) => request.path === '/hooks/moving-old' && forAlert(alertId)(request));

    const newUrl = receiver.endpoint('moving-new', endpoint.secrets);
    const { subscription } = await send('updateSubscription', { id: endpoint.id, webhookUrl: newUrl, expectedVersion: 1n }, owner.admin);
    expect(subscription).toMatchObject({ id: endpoint.id, webhookUrl: newUrl, version: 2n, enabled: true });

    // The same delivery (same webhook-id and body), now at the new URL, signed with the same secret.
    const moved = await receiver.waitFor((request) => request.path === '/hooks/moving-new' && forAlert(alertId)(request), 10_000);
    expect([moved.id, moved.body, moved.verifiedWith]).toEqual([first.id, first.body, [0]]);
    await waitFor(async () => (await deliveriesIn('DELIVERED', endpoint.id)) === 1);

    // A stale version is refused, and nothing changes; an update that changes nothing is not.
    const stale = await failureOf(() => send('updateSubscription', { id: endpoint.id, webhookUrl: receiver.endpoint('moving-stale', []), expectedVersion: 1n }, owner.admin));
    expect(stale).toMatchObject({ code: 'CONFLICT', field: 'input.expectedVersion' });
    expect(await settings(endpoint.id)).toMatchObject({ webhook_url: newUrl, version: 2 });
    expect((await send('updateSubscription', { id: endpoint.id, webhookUrl: newUrl, expectedVersion: 1n }, owner.admin)).subscription.version).toBe(2n);
    // A webhook URL is changed, not removed; the rules of create hold.
    expect(await failureOf(() => send('updateSubscription', { id: endpoint.id, webhookUrl: '' }, owner.admin))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.webhookUrl' });
    expect(await failureOf(() => send('updateSubscription', { id: endpoint.id, eventTypes: { eventTypes: ['cpx.alerts.v1.Invented'] } }, owner.admin))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.eventTypes.0',
    });
    expect(await settings(endpoint.id)).toMatchObject({ webhook_url: newUrl, version: 2 });
  });

  it('applies new countries and a new payload mode to what is recorded from then on; a delivery made before keeps its body', async () => {
    const owner = await partner();
    const endpoint = await subscribe(owner, 'refiltered', ['BY'], {
      // The first attempt is held 3 s: it is retried after the change.
      behaviour: (_request, previous) => (previous.length === 0 ? { status: 503, headers: { 'retry-after': '3' } } : { status: 200 }),
    });
    const before = await postAlert('BY', ['PL']);
    const first = await receiver.waitFor((request) => request.path === '/hooks/refiltered' && forAlert(before)(request));
    await send('updateSubscription', { id: endpoint.id, countries: { countries: ['UA'] }, payloadMode: PayloadMode.FULL }, owner.admin);
    expect(await settings(endpoint.id)).toMatchObject({ countries: ['UA'], payload_mode: 'FULL', version: 2 });

    const notWanted = await postAlert('BY', ['PL']);
    const wanted = await postAlert('UA', ['PL']);
    const retried = await receiver.waitFor((request) => request.path === '/hooks/refiltered' && forAlert(before)(request) && request !== first, 10_000);
    const after = await receiver.waitFor((request) => request.path === '/hooks/refiltered' && forAlert(wanted)(request));
    // THIN as it was made, on every attempt; FULL for the event recorded after the change.
    expect(retried.body).toBe(first.body);
    expect(JSON.parse(first.body).data).toHaveProperty('fetch');
    expect(JSON.parse(after.body).data).toMatchObject({ alertId: wanted, kind: 'MISSING_CHILD' });
    expect(JSON.parse(after.body).data).not.toHaveProperty('fetch');
    await waitFor(async () => (await count(`SELECT 1 FROM feed_event WHERE data LIKE $1`, [`%${notWanted}%`])) === 1);
    expect(await inFeedOrder(endpoint.id)).not.toContain(notWanted);
  });
});

describe('a disabled endpoint', () => {
  /** An endpoint that answers 410 until `fixed`, and is disabled by its first webhook. */
  async function disabledEndpoint(name: string, country: string) {
    const owner = await partner();
    const state = { fixed: false };
    const endpoint = await subscribe(owner, name, [country], { behaviour: () => ({ status: state.fixed ? 200 : 410 }) });
    const gone = await postAlert(country, ['PT']);
    await waitFor(async () => !(await settings(endpoint.id)).enabled);
    return { owner, endpoint, state, gone };
  }

  it('keeps the webhooks of events recorded while it is disabled, parked, and sends them in feed order once enabled; enabling again changes nothing', async () => {
    const { owner, endpoint, state, gone } = await disabledEndpoint('parked', 'MC');
    const whileDisabled: string[] = [];
    for (let i = 0; i < 5; i += 1) whileDisabled.push(await postAlert('MC', ['PT']));
    await waitFor(async () => (await deliveriesIn('PARKED', endpoint.id)) === 5);
    // Parked: not attempted, not pending.
    await sleep(500);
    expect(receiver.at('parked').map(alertOf)).toEqual([gone]);
    expect(await deliveriesIn('PENDING', endpoint.id)).toBe(0);

    state.fixed = true;
    const enabled = await send('enableSubscription', { id: endpoint.id }, owner.admin);
    expect(enabled).toMatchObject({ released: 5, subscription: { enabled: true, disabledReason: '' } });
    await waitFor(() => arrivalOrder('parked').length === 6, 15_000);
    const feedOrder = (await inFeedOrder(endpoint.id)).filter((alertId) => alertId !== gone);
    expect([...feedOrder].sort()).toEqual([...whileDisabled].sort());
    expect(arrivalOrder('parked').slice(1)).toEqual(feedOrder);
    expect(receiver.at('parked').every((request) => request.verifiedWith.length === 1)).toBe(true);
    await waitFor(async () => (await deliveriesIn('DELIVERED', endpoint.id)) === 5);
    // The 410's delivery failed; it is not parked, and not sent again by enabling.
    expect(await deliveriesIn('FAILED', endpoint.id)).toBe(1);

    const again = await send('enableSubscription', { id: endpoint.id }, owner.admin);
    expect(again).toMatchObject({ released: 0, subscription: { enabled: true } });
    expect(await count(`SELECT 1 FROM subscription WHERE id = $1 AND failing_since IS NULL`, [endpoint.id])).toBe(1);
  });

  it('sends the parked webhooks with the failed ones when the partner redelivers since the outage, all in feed order', async () => {
    const { owner, endpoint, state, gone } = await disabledEndpoint('outage', 'VA');
    const since = timestampFromDate(new Date(Date.now() - 60_000));
    for (let i = 0; i < 3; i += 1) await postAlert('VA', ['IT']);
    await waitFor(async () => (await deliveriesIn('PARKED', endpoint.id)) === 3);

    state.fixed = true;
    expect(await send('redeliverFailedWebhooks', { subscriptionId: endpoint.id, since }, owner.admin)).toEqual(expect.objectContaining({ requeued: 1, released: 3 }));
    await waitFor(() => arrivalOrder('outage').length === 4 && receiver.at('outage').filter(forAlert(gone)).length === 2, 15_000);
    await waitFor(async () => (await deliveriesIn('DELIVERED', endpoint.id)) === 4);
    // The one that failed first, as it came first in the feed, then the others.
    const redelivered = receiver.at('outage').slice(1).map(alertOf);
    expect(redelivered).toEqual(await inFeedOrder(endpoint.id));
  });

  it('forgets parked webhooks with their events past retention', async () => {
    const { owner, endpoint } = await disabledEndpoint('forgotten', 'SJ');
    const old = await postAlert('SJ', ['NO']);
    await waitFor(async () => (await deliveriesIn('PARKED', endpoint.id)) === 1);
    await db.query(`UPDATE feed_event SET recorded_at = now() - interval '31 days' WHERE data LIKE $1`, [`%${old}%`]);
    await waitFor(async () => (await count(`SELECT 1 FROM webhook_delivery WHERE subscription_id = $1`, [endpoint.id])) === 1, 10_000);
    expect(await deliveriesIn('PARKED', endpoint.id)).toBe(0);
    expect((await send('enableSubscription', { id: endpoint.id }, owner.admin)).released).toBe(0);
  });

  describe('as an event is recorded while the endpoint is being enabled', () => {
    /** An AlertPosted about `country`, as the consumer hands it to the recording. */
    function alertEvent(country: string): { alertId: string; event: ReceivedEvent } {
      const now = new Date();
      const alertId = randomUUID();
      const payload = toBinary(
        AlertsEvents.types.alertPosted.schema,
        create(AlertsEvents.types.alertPosted.schema, {
          alert: { alertId, kind: AlertKind.MISSING_CHILD, urgency: Urgency.HIGH, status: AlertStatus.POSTED, originCountry: country, originAgencyId: randomUUID(), targetCountries: ['PT'], postedAt: timestampFromDate(now), version: 1n },
          occurredAt: timestampFromDate(now),
        }),
      );
      return { alertId, event: new ReceivedEvent({ id: randomUUID(), source: '/cpx/alerts', type: AlertsEvents.types.alertPosted.type, time: now, subject: alertId }, AlertsEvents.topic, alertId, payload) };
    }

    /** Transactions waiting for the feed's append lock. */
    const waitingForAppendLock = () => count(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = 0 AND objid = $1`, [FEED_APPEND_LOCK]);

    /** Holds the append lock (as an event being recorded does) until released. */
    async function holdAppendLock(): Promise<{ release: () => Promise<void> }> {
      let release: () => void = () => undefined;
      let held: () => void = () => undefined;
      const isHeld = new Promise<void>((resolve) => (held = resolve));
      const holding = db.transaction(async (tx) => {
        await tx.query(`SELECT pg_advisory_xact_lock($1)`, [FEED_APPEND_LOCK]);
        held();
        await new Promise<void>((resolve) => (release = resolve));
      });
      await isHeld;
      return {
        release: async () => {
          release();
          await holding;
        },
      };
    }

    it.each([
      ['the recording read the endpoint disabled and parks after the enabling committed', 'enable first'],
      ['the recording parks before the enabling commits', 'record first'],
    ])('never leaves a delivery parked for an enabled endpoint: %s', async (_case, order) => {
      const { owner, endpoint, state } = await disabledEndpoint(`race-${order.split(' ')[0]}`, order === 'enable first' ? 'GI' : 'IM');
      state.fixed = true;
      const record = harness.app.get(RecordFeedEventUseCase);
      const { alertId, event } = alertEvent(order === 'enable first' ? 'GI' : 'IM');
      const blocker = await holdAppendLock();
      const queue: Promise<unknown>[] = [];
      const recordIt = () => queue.push(db.transaction((tx) => record.execute(event, tx)));
      const enableIt = () => queue.push(send('enableSubscription', { id: endpoint.id }, owner.admin));
      // Both read and write what they decide before the lock; each then waits for it, in this order.
      (order === 'enable first' ? enableIt : recordIt)();
      await waitFor(async () => (await waitingForAppendLock()) >= 1);
      (order === 'enable first' ? recordIt : enableIt)();
      await waitFor(async () => (await waitingForAppendLock()) >= 2);
      await blocker.release();
      await Promise.all(queue);

      const rows: { state: string }[] = await db.query(
        `SELECT d.state FROM webhook_delivery d JOIN feed_event e ON e.sequence = d.sequence WHERE d.subscription_id = $1 AND e.event_id = $2`,
        [endpoint.id, event.attributes.id],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].state).not.toBe('PARKED');
      await receiver.waitFor((request) => forAlert(alertId)(request));
    });
  });
});

describe('creating a subscription with an idempotency key', () => {
  it('creates one subscription per key and partner; a retry answers with it and a new secret, both signing; another request with the key is refused', async () => {
    const owner = await partner();
    const key = `create-${randomUUID()}`;
    const created = await subscribe(owner, 'idempotent', ['LI'], { idempotencyKey: key });
    const retry = {
      partnerId: owner.id,
      // The same request, written differently.
      eventTypes: ['cpx.alerts.v1.*', 'cpx.alerts.v1.*'],
      countries: ['LI'],
      webhookUrl: created.subscription.webhookUrl,
      payloadMode: PayloadMode.THIN,
      idempotencyKey: key,
    };
    const replayed = await send('createSubscription', retry, owner.admin);
    expect(replayed).toMatchObject({ replayed: true, subscription: { id: created.id, previousSecretExpiresAt: expect.anything() } });
    const newSecret = await secretOf(harness, FeedsRequests.createSubscription, replayed);
    expect(newSecret).not.toBe(created.secrets[0]);
    expect((await send('listSubscriptions', { partnerId: owner.id }, owner.admin)).subscriptions).toHaveLength(1);

    receiver.setSecrets('idempotent', [created.secrets[0], newSecret]);
    const alertId = await postAlert('LI', ['CH']);
    expect((await receiver.waitFor((request) => request.path === '/hooks/idempotent' && forAlert(alertId)(request))).verifiedWith).toEqual([0, 1]);

    // During the overlap a third secret would drop the first: refused, as a rotation is.
    expect(await failureOf(() => send('createSubscription', retry, owner.admin))).toMatchObject({ code: 'CONFLICT', field: 'input.idempotencyKey', message: expect.stringContaining(created.id) });
    expect(await failureOf(() => send('createSubscription', { ...retry, countries: ['CH'] }, owner.admin))).toMatchObject({ code: 'CONFLICT', field: 'input.idempotencyKey' });
    // Nobody else may use it, and the key is the partner's: another partner's is its own.
    const other = await partner();
    expect(await failureOf(() => send('createSubscription', retry, other.admin))).toMatchObject({ code: 'FORBIDDEN' });
    expect((await send('createSubscription', { ...retry, partnerId: other.id }, other.admin)).replayed).toBe(false);

    await send('deleteSubscription', { id: created.id }, owner.admin);
    expect(await failureOf(() => send('createSubscription', retry, owner.admin))).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('deleted') });
    expect((await send('listSubscriptions', { partnerId: owner.id }, owner.admin)).subscriptions).toHaveLength(0);
  });

  it('makes one subscription of two creates with the same key at once', async () => {
    const owner = await partner();
    const request = { partnerId: owner.id, eventTypes: ['cpx.alerts.v1.*'], countries: ['SM'], webhookUrl: '', idempotencyKey: `create-${randomUUID()}` };
    const replies = await Promise.all([send('createSubscription', request, owner.admin), send('createSubscription', request, owner.admin)]);
    expect(new Set(replies.map((reply) => reply.subscription.id)).size).toBe(1);
    expect(replies.map((reply) => reply.replayed).sort()).toEqual([false, true]);
    expect((await send('listSubscriptions', { partnerId: owner.id }, owner.admin)).subscriptions).toHaveLength(1);
  });
});

describe('who may change a subscription', () => {
  it('lets the partner’s admins and platform admins update and enable it, and refuses everybody else with nothing changed', async () => {
    const owner = await partner();
    const endpoint = await subscribe(owner, 'guarded', ['FO']);
    await db.query(`UPDATE subscription SET enabled = false, disabled_reason = 'test' WHERE id = $1`, [endpoint.id]);
    const strangers: Principal[] = [(await partner()).admin, principals.professional(randomUUID(), 'RS'), { subject: 'curator', roles: ['curator'] }, { ...owner.admin, roles: ['professional'] }, principals.nobody()];
    for (const stranger of strangers) {
      expect(await failureOf(() => send('updateSubscription', { id: endpoint.id, webhookUrl: receiver.endpoint('guarded-stolen', []) }, stranger))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await failureOf(() => send('enableSubscription', { id: endpoint.id }, stranger))).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await settings(endpoint.id)).toMatchObject({ webhook_url: endpoint.subscription.webhookUrl, version: 1, enabled: false });
    expect(await failureOf(() => send('enableSubscription', { id: randomUUID() }, owner.admin))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failureOf(() => send('updateSubscription', { id: 'nope' }, owner.admin))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.id' });

    expect((await send('updateSubscription', { id: endpoint.id, countries: { countries: ['FO', 'IS'] } }, admin)).subscription).toMatchObject({ countries: ['FO', 'IS'], version: 2n });
    expect((await send('enableSubscription', { id: endpoint.id }, admin)).subscription).toMatchObject({ enabled: true });
  });
});
