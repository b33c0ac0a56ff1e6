/**
 * The feeds service alone on real Kafka and Postgres: domain events published on the
 * real topics (as the alerts' and directory's relays would), partners' endpoints on
 * 127.0.0.1 verifying every webhook with the `standardwebhooks` package unchanged.
 * Retries keep one webhook-id, 410 disables, a slow endpoint delays nobody else, a
 * replayed event is delivered once, rotation signs with both secrets, each subscription's
 * webhooks carry its payload mode (THIN by default, FULL), the database and the replies
 * hold those secrets only sealed (and the database seals rows from before), the pull feed
 * pages and replays (its cursor moving past what a partner does not want, never past what
 * commits later), nothing names a person, and only the right callers manage a partner.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { create, toBinary, type DescMessage, type MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AgencyType, AlertKind, AlertsEvents, AlertStatus, ContactKind, DirectoryEvents, FeedsRequests, PayloadMode, ProfessionalRole, Urgency, VerificationStatus } from '@cpx/contracts';
import { cloudEventHeaders, decodeCursor, ReceivedEvent, type EventDefinition, type Principal } from '@cpx/platform';
import { failureOf, principals, waitFor, type ServiceHarness } from '@cpx/testing';
import type { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { FeedsConfig } from '../src/config/feeds.config';
import { SCAN_ROWS } from '../src/feed/read-partner-feed.usecase';
import { FEED_APPEND_LOCK } from '../src/feed/feed.store';
import { RecordFeedEventUseCase } from '../src/feed/record-feed-event.usecase';
import { SealStoredSecretsUseCase } from '../src/partners/seal-stored-secrets.usecase';
import { driveFeeds, secretOf, startFeedsHarness, type FeedsSpec } from './feeds-test-env';
import { WebhookReceiver, type ReceivedWebhook } from './webhook-receiver';

jest.setTimeout(90_000);

const PROFESSIONAL_GIVEN = 'Јована';
const PROFESSIONAL_FAMILY = 'Petrović';
const DELIVERY_TIMEOUT_MS = 2_500;
/** Few, so that a test can give one endpoint more events than the instance has slots. */
const DELIVERY_SLOTS = 8;
const ENDPOINT_SLOTS = 2;

let harness: ServiceHarness<FeedsConfig>;
let producer: Producer;
let receiver: WebhookReceiver;
let db: DataSource;
let spec: FeedsSpec;
const admin = principals.platformAdmin();

beforeAll(async () => {
  spec = await driveFeeds(
    await startFeedsHarness({
      FEEDS_RETRY_SCHEDULE_MS: '0,300,300,300',
      FEEDS_RETRY_JITTER: '0',
      FEEDS_POLL_INTERVAL_MS: '50',
      FEEDS_DELIVERY_TIMEOUT_MS: String(DELIVERY_TIMEOUT_MS),
      FEEDS_DELIVERY_CONCURRENCY: String(DELIVERY_SLOTS),
      FEEDS_ENDPOINT_CONCURRENCY: String(ENDPOINT_SLOTS),
    }),
  );
  ({ harness, db, producer, receiver } = spec);
}, 180_000);

afterAll(async () => {
  await spec?.close();
}, 60_000);

const send = (...args: Parameters<FeedsSpec['send']>) => spec.send(...args);

/** Publishes a domain event exactly as a service's outbox relay does. */
async function publish<Desc extends DescMessage>(
  topic: string,
  source: string,
  event: EventDefinition<Desc>,
  key: string,
  data: MessageInitShape<Desc>,
  id: string = randomUUID(),
): Promise<string> {
  await producer.send({
    topic,
    acks: -1,
    messages: [{ key, value: Buffer.from(toBinary(event.schema, create(event.schema, data))), headers: cloudEventHeaders({ id, source, type: event.type, time: new Date(), subject: key }) }],
  });
  return id;
}

async function postAlert(origin: string, targets: string[], id = randomUUID()): Promise<{ alertId: string; eventId: string }> {
  const now = timestampFromDate(new Date());
  const eventId = await publish(AlertsEvents.topic, '/cpx/alerts', AlertsEvents.types.alertPosted, id, {
    alert: { alertId: id, kind: AlertKind.MISSING_CHILD, urgency: Urgency.CRITICAL, status: AlertStatus.POSTED, originCountry: origin, originAgencyId: randomUUID(), targetCountries: targets, postedAt: now, version: 1n },
    audience: { subjects: ['pro-subject-secret'] },
    occurredAt: now,
  });
  return { alertId: id, eventId };
}

async function partner(countries: string[] = []): Promise<{ id: string; admin: Principal }> {
  const { partner } = await send('registerPartner', { name: `Partner ${randomUUID().slice(0, 8)}`, countries }, admin);
  return { id: partner.id, admin: { subject: `partner-admin-${randomUUID()}`, roles: ['partner'], partnerId: partner.id } };
}

/** A new subscription, with its secret opened from the reply (where it travels only sealed). */
async function subscribe(owner: { id: string; admin: Principal }, options: { eventTypes?: string[]; countries?: string[]; webhookUrl?: string; payloadMode?: PayloadMode } = {}) {
  const reply = await send(
    'createSubscription',
    {
      partnerId: owner.id,
      eventTypes: options.eventTypes ?? ['cpx.alerts.v1.*'],
      countries: options.countries ?? [],
      webhookUrl: options.webhookUrl ?? '',
      payloadMode: options.payloadMode ?? PayloadMode.UNSPECIFIED,
    },
    owner.admin,
  );
  return { ...reply, secret: await secretOf(harness, FeedsRequests.createSubscription, reply) };
}

/** A rotation, with the new secret opened from the reply. */
async function rotate(id: string, principal: Principal) {
  const reply = await send('rotateSubscriptionSecret', { id }, principal);
  return { ...reply, secret: await secretOf(harness, FeedsRequests.rotateSubscriptionSecret, reply) };
}

const forAlert = (alertId: string) => (request: ReceivedWebhook) => request.body.includes(alertId);

describe('webhooks', () => {
  it('delivers a signed {type, timestamp, data} that standardwebhooks verifies, only to matching subscriptions', async () => {
    const unicef = await partner();
    const secrets: string[] = [];
    const france = await subscribe(unicef, { countries: ['FR'], webhookUrl: receiver.endpoint('fr', secrets) });
    secrets.push(france.secret);
    const bulgaria = await subscribe(unicef, { countries: ['BG'], webhookUrl: receiver.endpoint('bg', []) });
    const directoryOnly = await subscribe(unicef, { eventTypes: ['cpx.directory.v1.*'], webhookUrl: receiver.endpoint('dir', []) });
    expect(france.secret).toMatch(/^whsec_/);
    expect([bulgaria.subscription.enabled, directoryOnly.subscription.webhookUrl]).toEqual([true, expect.stringContaining('/hooks/dir')]);

    const { alertId, eventId } = await postAlert('RS', ['FR']);
    const webhook = await receiver.waitFor(forAlert(alertId));
    expect(webhook.path).toBe('/hooks/fr');
    expect(webhook.verifiedWith).toEqual([0]);
    expect(Math.abs(Number(webhook.timestamp) - Date.now() / 1000)).toBeLessThan(10);
    const body = JSON.parse(webhook.body);
    // THIN, the default: the event's ids, and where to fetch the rest.
    expect(body).toEqual({
      type: 'cpx.alerts.v1.AlertPosted',
      timestamp: expect.any(String),
      data: expect.objectContaining({ id: eventId, type: 'cpx.alerts.v1.AlertPosted', alertId, countries: ['FR', 'RS'], fetch: expect.objectContaining({ partnerId: unicef.id, eventId }) }),
    });
    expect(webhook.body).not.toContain('pro-subject-secret');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.received.filter(forAlert(alertId))).toHaveLength(1);
  });

  it('sends each subscription its payload mode: THIN (the default) the ids and where to fetch the rest, FULL the whole redacted event', async () => {
    const owner = await partner();
    const thinSecrets: string[] = [];
    const fullSecrets: string[] = [];
    const thin = await subscribe(owner, { countries: ['LT'], webhookUrl: receiver.endpoint('thin', thinSecrets) });
    const full = await subscribe(owner, { countries: ['LT'], webhookUrl: receiver.endpoint('full', fullSecrets), payloadMode: PayloadMode.FULL });
    thinSecrets.push(thin.secret);
    fullSecrets.push(full.secret);
    expect([thin.subscription.payloadMode, full.subscription.payloadMode]).toEqual([PayloadMode.THIN, PayloadMode.FULL]);
    const listed = (await send('listSubscriptions', { partnerId: owner.id }, owner.admin)).subscriptions;
    expect(Object.fromEntries(listed.map((entry: { id: string; payloadMode: PayloadMode }) => [entry.id, entry.payloadMode]))).toEqual({
      [thin.subscription.id]: PayloadMode.THIN,
      [full.subscription.id]: PayloadMode.FULL,
    });

    const { alertId, eventId } = await postAlert('LT', ['LV']);
    const thinHook = await receiver.waitFor((request) => request.path === '/hooks/thin' && forAlert(alertId)(request));
    const fullHook = await receiver.waitFor((request) => request.path === '/hooks/full' && forAlert(alertId)(request));
    expect([thinHook.verifiedWith, fullHook.verifiedWith]).toEqual([[0], [0]]);
    const thinBody = JSON.parse(thinHook.body);
    const fullBody = JSON.parse(fullHook.body);
    expect(thinBody.type).toBe(fullBody.type);
    expect(thinBody.timestamp).toBe(fullBody.timestamp);

    expect(fullBody.data).toEqual({
      id: eventId,
      subject: alertId,
      countries: ['LT', 'LV'],
      alertId,
      kind: 'MISSING_CHILD',
      urgency: 'CRITICAL',
      status: 'POSTED',
      originCountry: 'LT',
      originAgencyId: expect.any(String),
      targetCountries: ['LV'],
      postedAt: expect.any(String),
      version: 1,
      unroutedCountries: [],
      occurredAt: expect.any(String),
    });
    expect(thinBody.data).toEqual({
      id: eventId,
      type: 'cpx.alerts.v1.AlertPosted',
      subject: alertId,
      countries: ['LT', 'LV'],
      occurredAt: fullBody.data.occurredAt,
      alertId,
      originAgencyId: fullBody.data.originAgencyId,
      fetch: { graphql: 'partnerFeed', partnerId: owner.id, after: expect.any(String), eventId },
    });

    // Where THIN points: the partner's feed after that cursor starts with this event, in full.
    const fetched = await send('getPartnerFeed', { partnerId: owner.id, page: { first: 1, after: thinBody.data.fetch.after } }, owner.admin);
    expect(fetched.items[0]).toMatchObject({ eventId, type: 'cpx.alerts.v1.AlertPosted' });
    expect(JSON.parse(fetched.items[0].dataJson)).toEqual(fullBody.data);
    for (const hook of [thinHook, fullHook]) expect(hook.body).not.toContain('pro-subject-secret');
  });

  it('retries after a 500 with the same webhook-id and a fresh signature, and logs every attempt', async () => {
    const owner = await partner();
    const secrets: string[] = [];
    const created = await subscribe(owner, { webhookUrl: receiver.endpoint('flaky', secrets, (_request, previous) => ({ status: previous.length < 2 ? 500 : 204 })) });
    secrets.push(created.secret);
    const { alertId } = await postAlert('AL', ['GR']);
    await waitFor(() => receiver.at('flaky').filter(forAlert(alertId)).length === 3);
    const attempts = receiver.at('flaky').filter(forAlert(alertId));
    expect(new Set(attempts.map((attempt) => attempt.id)).size).toBe(1);
    expect(new Set(attempts.map((attempt) => attempt.body)).size).toBe(1);
    expect(attempts.every((attempt) => attempt.verifiedWith.length === 1)).toBe(true);
    await waitForRow(`SELECT 1 FROM webhook_delivery WHERE id = $1 AND state = 'DELIVERED'`, [attempts[0].id]);

    const log = await send('listDeliveryAttempts', { subscriptionId: created.subscription.id }, owner.admin);
    expect(log.items.map((item: { attempt: number; statusCode: number }) => [item.attempt, item.statusCode])).toEqual([
      [3, 204],
      [2, 500],
      [1, 500],
    ]);
    expect(log.items[2]).toMatchObject({ deliveryId: attempts[0].id, error: 'HTTP 500', latencyMs: expect.any(Number) });
  });

  it('delivers once the endpoint comes back after answering nothing for a while', async () => {
    const owner = await partner();
    const secrets: string[] = [];
    let down = true;
    const created = await subscribe(owner, { webhookUrl: receiver.endpoint('down', secrets, () => ({ status: down ? 503 : 200 })) });
    secrets.push(created.secret);
    const { alertId } = await postAlert('MD', ['RO']);
    await waitFor(() => receiver.at('down').filter(forAlert(alertId)).length >= 1);
    down = false;
    await waitForRow(`SELECT 1 FROM webhook_delivery WHERE subscription_id = $1 AND state = 'DELIVERED'`, [created.subscription.id]);
  });

  it('disables the endpoint on 410 Gone and delivers nothing more to it', async () => {
    const owner = await partner();
    const secrets: string[] = [];
    const created = await subscribe(owner, { webhookUrl: receiver.endpoint('gone', secrets, () => ({ status: 410 })) });
    secrets.push(created.secret);
    await postAlert('BA', ['HR']);
    await waitForRow(`SELECT 1 FROM subscription WHERE id = $1 AND NOT enabled`, [created.subscription.id]);
    const { subscriptions } = await send('listSubscriptions', { partnerId: owner.id }, owner.admin);
    expect(subscriptions[0]).toMatchObject({ enabled: false, disabledReason: expect.stringContaining('410') });
    const before = receiver.at('gone').length;
    await postAlert('BA', ['HR']);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(receiver.at('gone')).toHaveLength(before);
  });

  it('honours Retry-After on 429 for every delivery to the endpoint, not only the one it answered', async () => {
    const owner = await partner();
    const secrets: string[] = [];
    const created = await subscribe(owner, {
      countries: ['ME'],
      webhookUrl: receiver.endpoint('busy', secrets, (_r, previous) => (previous.length === 0 ? { status: 429, headers: { 'retry-after': '2' } } : { status: 200 })),
    });
    secrets.push(created.secret);
    const { alertId } = await postAlert('ME', ['XK']);
    // The 429 is logged, in the transaction that holds the endpoint: then another event comes.
    await waitForRow(`SELECT 1 FROM delivery_attempt a JOIN webhook_delivery d ON d.id = a.delivery_id WHERE d.subscription_id = $1`, [created.subscription.id]);
    const { alertId: next } = await postAlert('ME', ['XK']);
    await waitFor(() => receiver.at('busy').filter(forAlert(alertId)).length === 2 && receiver.at('busy').some(forAlert(next)));
    const [first, second] = receiver.at('busy').filter(forAlert(alertId));
    expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(1_900);
    expect(receiver.at('busy').find(forAlert(next))!.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(1_900);
  });

  it('does not let a slow endpoint delay a fast one, even with more events for it than the instance has delivery slots', async () => {
    const owner = await partner();
    const slowSecrets: string[] = [];
    const fastSecrets: string[] = [];
    const slow = await subscribe(owner, {
      countries: ['MK'],
      webhookUrl: receiver.endpoint('slow', slowSecrets, () => new Promise((resolve) => setTimeout(() => resolve({ status: 200 }), DELIVERY_TIMEOUT_MS + 1_000))),
    });
    slowSecrets.push(slow.secret);
    const fast = await subscribe(owner, { countries: ['GR'], webhookUrl: receiver.endpoint('fast', fastSecrets) });
    fastSecrets.push(fast.secret);
    const inFlightAtSlow = async () =>
      (await db.query(
        `SELECT count(*)::int AS n FROM webhook_delivery WHERE subscription_id = $1 AND state = 'PENDING' AND claim_token IS NOT NULL AND next_attempt_at > now()`,
        [slow.subscription.id],
      ))[0].n as number;
    let mostInFlight = 0;
    let watching = true;
    const watch = (async () => {
      while (watching) {
        mostInFlight = Math.max(mostInFlight, await inFlightAtSlow());
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    try {
      // More events for the slow endpoint than there are slots (unbounded, its attempts
      // would hold them all until they time out, and its backlog would take the slots
      // freed then), then one for the fast endpoint.
      for (let i = 0; i < DELIVERY_SLOTS + 4; i += 1) await postAlert('MK', ['FR']);
      await waitFor(async () => (await inFlightAtSlow()) >= ENDPOINT_SLOTS);
      const started = Date.now();
      const { alertId } = await postAlert('GR', ['GR']);
      const delivered = await receiver.waitFor((request) => request.path === '/hooks/fast' && forAlert(alertId)(request), 10_000);
      expect(delivered.receivedAt - started).toBeLessThan(1_000);
      // The slow endpoint's backlog waits its turn, late, never dropped.
      const waiting = await db.query(`SELECT 1 FROM webhook_delivery WHERE subscription_id = $1 AND state = 'PENDING' AND claim_token IS NULL`, [slow.subscription.id]);
      expect(waiting.length).toBeGreaterThan(0);
      expect(mostInFlight).toBeLessThanOrEqual(ENDPOINT_SLOTS);
    } finally {
      watching = false;
      await watch;
      // Its retries would keep two slots busy for the tests that follow.
      await send('deleteSubscription', { id: slow.subscription.id }, owner.admin);
    }
  });

  it('delivers a replayed event (same ce_id) once', async () => {
    const owner = await partner();
    const secrets: string[] = [];
    const created = await subscribe(owner, { countries: ['HR'], webhookUrl: receiver.endpoint('replay', secrets) });
    secrets.push(created.secret);
    const alertId = randomUUID();
    const eventId = randomUUID();
    const now = timestampFromDate(new Date());
    const data = { alert: { alertId, originCountry: 'HR', targetCountries: ['SI'], status: AlertStatus.POSTED, postedAt: now }, occurredAt: now };
    await publish(AlertsEvents.topic, '/cpx/alerts', AlertsEvents.types.alertPosted, alertId, data, eventId);
    await receiver.waitFor((request) => request.path === '/hooks/replay' && forAlert(alertId)(request));
    await publish(AlertsEvents.topic, '/cpx/alerts', AlertsEvents.types.alertPosted, alertId, data, eventId);
    const { alertId: later } = await postAlert('HR', ['SI']);
    await receiver.waitFor((request) => request.path === '/hooks/replay' && forAlert(later)(request));
    expect(receiver.at('replay').filter(forAlert(alertId))).toHaveLength(1);
    expect((await db.query(`SELECT count(*)::int AS n FROM feed_event WHERE event_id = $1`, [eventId]))[0].n).toBe(1);
  });

  it('signs with the old and the new secret after a rotation, and refuses another rotation until the old one stops', async () => {
    const owner = await partner();
    const secrets: string[] = [];
    const created = await subscribe(owner, { countries: ['RO'], webhookUrl: receiver.endpoint('rotate', secrets) });
    secrets.push(created.secret);
    const rotated = await rotate(created.subscription.id, owner.admin);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
    expect(rotated.subscription.previousSecretExpiresAt).toBeDefined();
    receiver.setSecrets('rotate', [created.secret, rotated.secret]);
    // A second rotation would drop the first secret at once, though it was promised 24 h.
    const again = await failureOf(() => send('rotateSubscriptionSecret', { id: created.subscription.id }, owner.admin));
    expect(again).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('Rotate again after') });
    const { alertId } = await postAlert('RO', ['FR']);
    const webhook = await receiver.waitFor((request) => request.path === '/hooks/rotate' && forAlert(alertId)(request));
    expect(webhook.signature.split(' ')).toHaveLength(2);
    expect(webhook.verifiedWith).toEqual([0, 1]);
  });
});

describe('webhook secrets at rest', () => {
  /** Every column of the row as Postgres prints it (bytea as hex): no secret may appear in it. */
  async function storedRow(subscriptionId: string): Promise<{ text: string; secret: string | null; previous_secret: string | null; secret_key_id: string | null; previous_secret_key_id: string | null; secret_sealed: Buffer | null }> {
    const [row] = await db.query(
      `SELECT s::text AS text, secret, previous_secret, secret_key_id, previous_secret_key_id, secret_sealed FROM subscription s WHERE id = $1`,
      [subscriptionId],
    );
    return row;
  }

  function expectNoSecretIn(text: string, secrets: string[]): void {
    expect(text).not.toContain('whsec_');
    for (const secret of secrets) {
      const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
      expect(text).not.toContain(secret.slice('whsec_'.length));
      expect(text.toLowerCase()).not.toContain(key.toString('hex').slice(0, 16));
    }
  }

  it('stores the secret and, after a rotation, both secrets sealed only, and deliveries still verify with them', async () => {
    const owner = await partner();
    const secrets: string[] = [];
    const created = await subscribe(owner, { countries: ['IT'], webhookUrl: receiver.endpoint('sealed', secrets) });
    secrets.push(created.secret);
    const id = created.subscription.id;
    expect(await storedRow(id)).toMatchObject({ secret: null, previous_secret: null, secret_key_id: 'test-1', previous_secret_key_id: null });
    expectNoSecretIn((await storedRow(id)).text, [created.secret]);

    const rotated = await rotate(id, owner.admin);
    receiver.setSecrets('sealed', [created.secret, rotated.secret]);
    const stored = await storedRow(id);
    expect(stored).toMatchObject({ secret: null, previous_secret: null, secret_key_id: 'test-1', previous_secret_key_id: 'test-1' });
    expectNoSecretIn(stored.text, [created.secret, rotated.secret]);
    expect((await db.query(`SELECT count(*)::int AS n FROM subscription s WHERE s::text LIKE '%whsec%'`))[0].n).toBe(0);

    const { alertId } = await postAlert('IT', ['ES']);
    const webhook = await receiver.waitFor((request) => request.path === '/hooks/sealed' && forAlert(alertId)(request));
    expect(webhook.verifiedWith).toEqual([0, 1]);
  });

  it('keeps delivering a subscription stored in clear before secrets were sealed, and seals it as it reads it', async () => {
    const owner = await partner();
    const id = randomUUID();
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    // A row as the service wrote it before migration 1764370000500.
    await db.query(
      `INSERT INTO subscription (id, partner_id, event_types, countries, webhook_url, secret, created_at) VALUES ($1, $2, $3, $4, $5, $6, now())`,
      [id, owner.id, ['cpx.alerts.v1.*'], ['CY'], receiver.endpoint('legacy', [secret]), secret],
    );
    const { alertId } = await postAlert('CY', ['MT']);
    const webhook = await receiver.waitFor((request) => request.path === '/hooks/legacy' && forAlert(alertId)(request));
    expect(webhook.verifiedWith).toEqual([0]);
    // Subscriptions from before payload modes are THIN, the default.
    expect(JSON.parse(webhook.body).data).toEqual(expect.objectContaining({ alertId, fetch: expect.objectContaining({ partnerId: owner.id }) }));
    expect(JSON.parse(webhook.body).data).not.toHaveProperty('kind');
    await waitForRow(`SELECT 1 FROM subscription WHERE id = $1 AND secret IS NULL AND secret_key_id = 'test-1'`, [id]);
    expectNoSecretIn((await storedRow(id)).text, [secret]);
    const { alertId: later } = await postAlert('CY', ['MT']);
    expect((await receiver.waitFor((request) => request.path === '/hooks/legacy' && forAlert(later)(request))).verifiedWith).toEqual([0]);
  });

  it('seals, at startup, clear secrets no delivery reads (pull-only subscriptions, the previous secret)', async () => {
    const owner = await partner();
    const id = randomUUID();
    const [current, previous] = [`whsec_${randomBytes(32).toString('base64')}`, `whsec_${randomBytes(32).toString('base64')}`];
    await db.query(
      `INSERT INTO subscription (id, partner_id, event_types, countries, webhook_url, secret, previous_secret, previous_secret_expires_at, created_at)
       VALUES ($1, $2, $3, $4, NULL, $5, $6, now() + interval '1 hour', now())`,
      [id, owner.id, ['cpx.alerts.v1.*'], [], current, previous],
    );
    // What every instance runs as it starts.
    const report = await harness.app.get(SealStoredSecretsUseCase).execute();
    expect(report).toEqual({ sealed: 1, unreadable: [] });
    expect(await storedRow(id)).toMatchObject({ secret: null, previous_secret: null, secret_key_id: 'test-1', previous_secret_key_id: 'test-1' });
    expectNoSecretIn((await storedRow(id)).text, [current, previous]);
    expect(await harness.app.get(SealStoredSecretsUseCase).execute()).toEqual({ sealed: 0, unreadable: [] });
  });
});

describe('directory events', () => {
  it('carry an agency’s id, type and country, and a professional’s country from the agency, never names or contacts', async () => {
    const owner = await partner();
    const secrets: string[] = [];
    // FULL: the whole redacted event, which is what this holds to the allow-list.
    const created = await subscribe(owner, { eventTypes: ['cpx.directory.v1.*'], countries: ['XK'], webhookUrl: receiver.endpoint('directory', secrets), payloadMode: PayloadMode.FULL });
    secrets.push(created.secret);
    const agencyId = randomUUID();
    await publish(DirectoryEvents.topic, '/cpx/directory', DirectoryEvents.types.agencyRegistered, agencyId, {
      agency: { id: agencyId, name: 'Qendra për Punë Sociale Prishtinë', type: AgencyType.CHILD_PROTECTION_AUTHORITY, country: 'XK', contacts: [{ kind: ContactKind.EMAIL, value: 'qps@example.org' }], version: 1n },
    });
    // This test's endpoint only: another test's subscription may get the same events, THIN.
    const atThisEndpoint = (request: ReceivedWebhook) => request.path === '/hooks/directory';
    // The professional's event below names its agency only (the directory also sends the
    // agency's summary; this one leaves it out to exercise the replica). Events of two
    // aggregates travel on different partitions, so the agency is known first on purpose.
    const agencyHook = await receiver.waitFor((request) => atThisEndpoint(request) && request.body.includes(agencyId) && request.body.includes('AgencyRegistered'));
    const professionalId = randomUUID();
    await publish(DirectoryEvents.topic, '/cpx/directory', DirectoryEvents.types.professionalVerified, professionalId, {
      professional: {
        id: professionalId,
        agencyId,
        givenName: PROFESSIONAL_GIVEN,
        familyName: PROFESSIONAL_FAMILY,
        role: ProfessionalRole.SOCIAL_WORKER,
        contacts: [{ kind: ContactKind.PHONE, value: '+38344123456' }],
        status: VerificationStatus.VERIFIED,
        subject: 'oidc-jovana',
        version: 2n,
      },
    });
    const professionalHook = await receiver.waitFor((request) => atThisEndpoint(request) && request.body.includes(professionalId));
    expect(JSON.parse(agencyHook.body).data).toMatchObject({ agencyId, agencyType: 'CHILD_PROTECTION_AUTHORITY', country: 'XK' });
    expect(JSON.parse(professionalHook.body).data).toMatchObject({ professionalId, agencyId, role: 'SOCIAL_WORKER', status: 'VERIFIED', country: 'XK', countries: ['XK'] });
    for (const hook of [agencyHook, professionalHook]) {
      expect(hook.body).not.toMatch(/Qendra|qps@|Јована|Petrović|\+383|oidc-jovana/);
    }
  });
});

describe('pull feed', () => {
  it('pages a partner’s matching events in order with an opaque cursor, and replays from any cursor', async () => {
    // Countries no other test uses: the feed holds every matching event, also those before the subscription.
    const owner = await partner(['AT', 'SI']);
    await subscribe(owner, { countries: ['AT'] });
    const alertIds: string[] = [];
    for (let i = 0; i < 5; i += 1) alertIds.push((await postAlert('AT', ['SI'])).alertId);
    await postAlert('BG', ['RS']); // not the partner's
    await waitFor(async () => (await send('getPartnerFeed', { partnerId: owner.id, page: { first: 100 } }, owner.admin)).items.length === 5);

    const first = await send('getPartnerFeed', { partnerId: owner.id, page: { first: 2 } }, owner.admin);
    expect(first.hasNextPage).toBe(true);
    const second = await send('getPartnerFeed', { partnerId: owner.id, page: { first: 2, after: first.endCursor } }, owner.admin);
    const third = await send('getPartnerFeed', { partnerId: owner.id, page: { first: 2, after: second.endCursor } }, owner.admin);
    expect(third.hasNextPage).toBe(false);
    // Events keyed by different alerts travel on different partitions: the feed's order is
    // the order CPX recorded them in, the same on every read.
    const all = await send('getPartnerFeed', { partnerId: owner.id, page: { first: 100 } }, owner.admin);
    const alertIdOf = (item: { dataJson: string }) => JSON.parse(item.dataJson).alertId;
    const paged = [...first.items, ...second.items, ...third.items].map(alertIdOf);
    expect(paged).toEqual(all.items.map(alertIdOf));
    expect([...paged].sort()).toEqual([...alertIds].sort());
    const again = await send('getPartnerFeed', { partnerId: owner.id, page: { first: 2, after: first.endCursor } }, owner.admin);
    expect(again.items.map((item: { eventId: string }) => item.eventId)).toEqual(second.items.map((item: { eventId: string }) => item.eventId));
    expect(first.items[0]).toMatchObject({ type: 'cpx.alerts.v1.AlertPosted', countries: ['AT', 'SI'] });
    expect(await failureOf(() => send('getPartnerFeed', { partnerId: owner.id, page: { after: 'bm90LWEtY3Vyc29y' } }, owner.admin))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
  it('draws feed positions one writer at a time, so a reader never passes over an event that commits later', async () => {
    // Two events recorded in overlapping transactions: the second must wait for the
    // first's commit, or it could commit a later position while the first, with an
    // earlier one, is still invisible, and a reader paging meanwhile would skip the first.
    const record = harness.app.get(RecordFeedEventUseCase);
    const alertEvent = (alertId: string) => {
      const now = new Date();
      const payload = toBinary(AlertsEvents.types.alertPosted.schema, create(AlertsEvents.types.alertPosted.schema, {
        alert: { alertId, kind: AlertKind.MISSING_CHILD, urgency: Urgency.HIGH, status: AlertStatus.POSTED, originCountry: 'LU', originAgencyId: randomUUID(), targetCountries: ['MT'], postedAt: timestampFromDate(now), version: 1n },
        occurredAt: timestampFromDate(now),
      }));
      const id = randomUUID();
      return { id, event: new ReceivedEvent({ id, source: '/cpx/alerts', type: AlertsEvents.types.alertPosted.type, time: now, subject: alertId }, AlertsEvents.topic, alertId, payload) };
    };
    const first = alertEvent(randomUUID());
    const second = alertEvent(randomUUID());
    let commitFirst: () => void = () => undefined;
    let firstRecorded: () => void = () => undefined;
    const recorded = new Promise<void>((resolve) => (firstRecorded = resolve));
    const firstTx = db.transaction(async (tx) => {
      await record.execute(first.event, tx);
      firstRecorded();
      await new Promise<void>((resolve) => (commitFirst = resolve));
    });
    await recorded;
    let secondDone = false;
    const secondTx = db.transaction((tx) => record.execute(second.event, tx)).then(() => (secondDone = true));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(secondDone).toBe(false);
    commitFirst();
    await Promise.all([firstTx, secondTx]);
    const rows: { event_id: string; sequence: string }[] = await db.query(
      `SELECT event_id, sequence FROM feed_event WHERE event_id = ANY($1) ORDER BY sequence`,
      [[first.id, second.id]],
    );
    expect(rows.map((row) => row.event_id)).toEqual([first.id, second.id]);
  });

  it('moves its cursor past the events a partner does not want, a bounded stretch per read, and never past one still being recorded', async () => {
    const owner = await partner(['EE', 'FI']);
    await subscribe(owner, { countries: ['EE'] });
    const read = (after: string) => send('getPartnerFeed', { partnerId: owner.id, page: { first: 10, after } }, owner.admin);
    const position = (cursor: string) => BigInt(decodeCursor(cursor, 'cursor')[0] as string);
    /** Every page from `after` to the end of the feed. */
    const readToEnd = async (after: string) => {
      const pages: { items: { dataJson: string }[]; hasNextPage: boolean; moved: bigint }[] = [];
      let cursor = after;
      for (;;) {
        const page = await read(cursor);
        pages.push({ items: page.items, hasNextPage: page.hasNextPage, moved: position(page.endCursor) - (cursor ? position(cursor) : 0n) });
        cursor = page.endCursor;
        if (!page.hasNextPage) return { pages, cursor };
      }
    };
    const { alertId: before } = await postAlert('EE', ['FI']);
    await waitFor(async () => (await readToEnd('')).pages.some((page) => page.items.some((item) => item.dataJson.includes(before))));
    let { cursor } = await readToEnd('');

    // Other partners' events after it, more than one read looks at: recorded as the
    // service records them, under the append lock.
    const others = 2 * SCAN_ROWS + SCAN_ROWS / 2;
    await db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock($1)`, [FEED_APPEND_LOCK]);
      await tx.query(
        `INSERT INTO feed_event (source, event_id, type, subject, countries, occurred_at, data)
         SELECT '/cpx/test', 'others-' || n, 'cpx.alerts.v1.AlertPosted', 'alerts/others', '{PT}', now(), '{}' FROM generate_series(1, $1::int) AS n`,
        [others],
      );
    });
    try {
      const { pages: reads, cursor: end } = await readToEnd(cursor);
      cursor = end;
      // Empty pages, each looking at SCAN_ROWS at most, until the end of the feed; none read twice.
      expect(reads.every((page) => page.items.length === 0)).toBe(true);
      expect(reads.every((page) => page.moved > 0n && page.moved <= BigInt(SCAN_ROWS))).toBe(true);
      expect(reads.slice(0, -1).every((page) => page.hasNextPage)).toBe(true);
      expect(reads.reduce((sum, page) => sum + page.moved, 0n)).toBeGreaterThanOrEqual(BigInt(others));
      expect(await read(cursor)).toMatchObject({ items: [], endCursor: cursor, hasNextPage: false });

      // An event still being recorded holds the append lock with its position drawn: a read
      // meanwhile stops before it, and the next one finds it.
      const record = harness.app.get(RecordFeedEventUseCase);
      const now = new Date();
      const alertId = randomUUID();
      const payload = toBinary(AlertsEvents.types.alertPosted.schema, create(AlertsEvents.types.alertPosted.schema, {
        alert: { alertId, kind: AlertKind.MISSING_CHILD, urgency: Urgency.HIGH, status: AlertStatus.POSTED, originCountry: 'EE', originAgencyId: randomUUID(), targetCountries: ['FI'], postedAt: timestampFromDate(now), version: 1n },
        occurredAt: timestampFromDate(now),
      }));
      const event = new ReceivedEvent({ id: randomUUID(), source: '/cpx/alerts', type: AlertsEvents.types.alertPosted.type, time: now, subject: alertId }, AlertsEvents.topic, alertId, payload);
      let commit: () => void = () => undefined;
      let recorded: () => void = () => undefined;
      const isRecorded = new Promise<void>((resolve) => (recorded = resolve));
      const recording = db.transaction(async (tx) => {
        await record.execute(event, tx);
        recorded();
        await new Promise<void>((resolve) => (commit = resolve));
      });
      await isRecorded;
      const meanwhile = await read(cursor);
      expect(meanwhile.items).toEqual([]);
      commit();
      await recording;
      const [{ sequence }] = await db.query(`SELECT sequence FROM feed_event WHERE event_id = $1`, [event.attributes.id]);
      expect(position(meanwhile.endCursor)).toBeLessThan(BigInt(sequence));
      const found = await read(meanwhile.endCursor);
      expect(found.items.map((item: { dataJson: string }) => JSON.parse(item.dataJson).alertId)).toEqual([alertId]);
    } finally {
      await db.query(`DELETE FROM feed_event WHERE source = '/cpx/test'`);
    }
  });
});

describe('who may manage partners', () => {
  it('lets only platform admins register partners', async () => {
    for (const caller of [principals.partner(), principals.professional(randomUUID(), 'RS'), principals.nobody()]) {
      expect(await failureOf(() => send('registerPartner', { name: 'IOM' }, caller))).toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('lets a partner’s own admins and platform admins manage its subscriptions, and forbids everybody else', async () => {
    const iom = await partner();
    const other = await partner();
    const created = await subscribe(iom);
    expect((await send('listSubscriptions', { partnerId: iom.id }, admin)).subscriptions).toHaveLength(1);
    const strangers: Principal[] = [other.admin, principals.professional(randomUUID(), 'RS'), { subject: 'curator', roles: ['curator'] }, { ...iom.admin, roles: ['professional'] }, principals.nobody()];
    for (const caller of strangers) {
      expect(await failureOf(() => send('createSubscription', { partnerId: iom.id, eventTypes: ['cpx.alerts.v1.*'] }, caller))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await failureOf(() => send('listSubscriptions', { partnerId: iom.id }, caller))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await failureOf(() => send('rotateSubscriptionSecret', { id: created.subscription.id }, caller))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await failureOf(() => send('deleteSubscription', { id: created.subscription.id }, caller))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await failureOf(() => send('getPartnerFeed', { partnerId: iom.id }, caller))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await failureOf(() => send('listDeliveryAttempts', { subscriptionId: created.subscription.id }, caller))).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await send('deleteSubscription', { id: created.subscription.id }, admin)).toEqual(expect.objectContaining({ id: created.subscription.id }));
    expect((await send('listSubscriptions', { partnerId: iom.id }, iom.admin)).subscriptions).toHaveLength(0);
  });

  it('refuses bad input with the field at fault', async () => {
    const owner = await partner(['RS']);
    const bad = (options: Record<string, unknown>) => failureOf(() => send('createSubscription', { partnerId: owner.id, eventTypes: ['cpx.alerts.v1.*'], ...options }, owner.admin));
    expect(await bad({ eventTypes: ['cpx.alerts.v1.Invented'] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.eventTypes.0' });
    expect(await bad({ eventTypes: [] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.eventTypes' });
    expect(await bad({ webhookUrl: 'not a url' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.webhookUrl' });
    expect(await bad({ webhookUrl: 'http://partner.example.org/hook' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.webhookUrl' });
    expect(await bad({ countries: ['FR'] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.countries' });
    expect(await bad({ countries: ['serbia'] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.countries.0' });
    expect(await bad({ payloadMode: 7 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.payloadMode' });
    // A partner id CPX never issued is unknown to every operation, not an empty partner.
    const unknown = randomUUID();
    expect(await failureOf(() => send('createSubscription', { partnerId: unknown, eventTypes: ['cpx.alerts.v1.*'] }, admin))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failureOf(() => send('listSubscriptions', { partnerId: unknown }, admin))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failureOf(() => send('getPartnerFeed', { partnerId: unknown, page: { first: 10 } }, admin))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failureOf(() => send('registerPartner', { name: '  ' }, admin))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    // A partner limited to RS gets RS, whatever it asks for.
    expect((await subscribe(owner)).subscription.countries).toEqual(['RS']);
  });
});

async function waitForRow(sql: string, parameters: unknown[]): Promise<void> {
  await waitFor(async () => (await db.query(sql, parameters)).length > 0);
}
