/**
 * Partner feeds end to end, through the gateway only: a platform admin registers UNICEF,
 * UNICEF's own admin subscribes to alerts about France with a webhook on 127.0.0.1 (THIN,
 * the default) and with a second one in FULL; a Serbian social worker posts an alert about
 * a missing girl to France; UNICEF receives Standard Webhooks requests its
 * `standardwebhooks` library verifies unchanged, follows the THIN one's `fetch` to the
 * event in its pull feed, and pages the same event there. None carries the child's name
 * nor the alert's title. Then IOM creates a subscription whose first answer it lost, retries
 * with the same idempotency key (one subscription, a new secret, the first still signing),
 * moves it to a new URL in FULL without a new id or secret, and enables it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { codes, startE2ePlatform, type E2ePlatform } from '@cpx/testing';
import { member, ok, postAlertWhenRoutable } from './support';

const CHILD_GIVEN = 'Milena';
const CHILD_FAMILY = 'Јовановић';
const TITLE = 'Girl missing from a shelter in Kragujevac';

interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}

let platform: E2ePlatform;
let admin: string;
let server: Server;
const received: Received[] = [];

beforeAll(async () => {
  // The partners' receivers of this test listen on 127.0.0.1, which a real deployment refuses.
  platform = await startE2ePlatform('e2e-feeds', { FEEDS_POLL_INTERVAL_MS: '100', FEEDS_RETRY_SCHEDULE_MS: '0,500,500', FEEDS_ALLOW_PRIVATE_ENDPOINTS: 'true' });
  admin = await platform.token({ roles: ['platform_admin'] });
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const headers = Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [name, String(request.headers[name] ?? '')]));
      received.push({ path: request.url ?? '', headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
}, 180_000);

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await platform?.stop();
}, 60_000);

async function postWhenRoutable(token: string, input: Record<string, unknown>): Promise<string> {
  return (await postAlertWhenRoutable(platform, token, input)).alert.id;
}

const FEED = `query($first: Int, $after: String) { partnerFeed(first: $first, after: $after) { edges { cursor node { id type countries occurredAt data } } pageInfo { hasNextPage endCursor } } }`;

it('runs the feeds service, which calls partners\' URLs, with no key that opens a child\'s record or signs a principal', () => {
  const environ = `/proc/${platform.services.feeds.pid}/environ`;
  if (!existsSync(environ)) return; // Linux only: the process's own environment, as the service read it
  const names = readFileSync(environ, 'latin1').split('\0').map((entry) => entry.split('=')[0]);
  expect(names).toEqual(expect.arrayContaining(['CPX_GATEWAY_SEALING_KEYS', 'CPX_PRINCIPAL_VERIFY_KEYS']));
  expect(names.filter((name) => /OPENING_KEYS|SIGNING_KEYS|PAYLOAD_KEY/.test(name ?? ''))).toEqual([]);
});

it('delivers a posted alert to a partner as a verified webhook and in its pull feed, without the child or the title', async () => {
  const { registerPartner: unicef } = await ok(platform, `mutation($input: RegisterPartnerInput!) { registerPartner(input: $input) { id name countries } }`, { input: { name: 'UNICEF ECARO' } }, admin);
  const partnerToken = await platform.token({ roles: ['partner'], partner: unicef.id });
  const otherPartnerToken = await platform.token({ roles: ['partner'], partner: randomUUID() });
  const { port } = server.address() as AddressInfo;

  const SUBSCRIBE = `mutation($input: CreatePartnerSubscriptionInput!) { createPartnerSubscription(input: $input) { secret subscription { id eventTypes countries webhookUrl enabled payloadMode } } }`;
  const input = { partnerId: unicef.id, eventTypes: ['cpx.alerts.v1.*'], countries: ['FR'], webhookUrl: `http://127.0.0.1:${port}/cpx` };
  expect(codes(await platform.query(SUBSCRIBE, { input }, otherPartnerToken))).toEqual(['FORBIDDEN']);
  expect(codes(await platform.query(SUBSCRIBE, { input: { ...input, eventTypes: ['cpx.alerts.v1.NoSuchEvent'] } }, partnerToken))).toEqual(['BAD_USER_INPUT']);
  const { createPartnerSubscription: created } = await ok(platform, SUBSCRIBE, { input }, partnerToken);
  expect(created.secret).toMatch(/^whsec_/);
  expect(created.subscription).toMatchObject({ eventTypes: ['cpx.alerts.v1.*'], countries: ['FR'], enabled: true, payloadMode: 'THIN' });
  const { createPartnerSubscription: full } = await ok(platform, SUBSCRIBE, { input: { ...input, webhookUrl: `http://127.0.0.1:${port}/cpx-full`, payloadMode: 'FULL' } }, partnerToken);
  expect(full.subscription.payloadMode).toBe('FULL');

  const serbia = (await member(platform, admin, 'RS')).token;
  await member(platform, admin, 'FR', { focalPoint: true });
  const alertId = await postWhenRoutable(serbia, {
    idempotencyKey: `e2e-feeds-${randomUUID()}`,
    kind: 'MISSING_CHILD',
    urgency: 'CRITICAL',
    originCountry: 'RS',
    targetCountries: ['FR'],
    title: TITLE,
    summary: 'Believed to be on a bus towards Paris.',
    child: { givenNames: [CHILD_GIVEN], familyNames: [CHILD_FAMILY], sex: 'FEMALE', estimatedAge: { minYears: 12, maxYears: 14 } },
  });

  // The signed webhooks, verified by the library partners use, unchanged.
  const deadline = Date.now() + 30_000;
  const at = (path: string) => received.find((request) => request.path === path && request.body.includes(alertId));
  while (!at('/cpx') || !at('/cpx-full')) {
    if (Date.now() > deadline) throw new Error(`no webhooks for ${alertId} (received ${received.length})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const webhook = at('/cpx')!;
  type Body = { type: string; timestamp: string; data: Record<string, unknown> };
  const payload = new Webhook(created.secret).verify(webhook.body, webhook.headers) as Body;
  const fullPayload = new Webhook(full.secret).verify(at('/cpx-full')!.body, at('/cpx-full')!.headers) as Body;
  const eventId = payload.data.id as string;
  // THIN: the ids, and where to fetch the rest; FULL: the whole redacted event.
  expect(payload).toEqual({
    type: 'cpx.alerts.v1.AlertPosted',
    timestamp: expect.any(String),
    data: {
      id: expect.any(String),
      type: 'cpx.alerts.v1.AlertPosted',
      subject: expect.stringContaining(alertId),
      countries: ['FR', 'RS'],
      occurredAt: expect.any(String),
      alertId,
      originAgencyId: expect.any(String),
      fetch: { graphql: 'partnerFeed', partnerId: unicef.id, after: expect.any(String), eventId },
    },
  });
  expect(fullPayload).toMatchObject({ type: 'cpx.alerts.v1.AlertPosted', data: { id: eventId, alertId, kind: 'MISSING_CHILD', urgency: 'CRITICAL', originCountry: 'RS', targetCountries: ['FR'] } });
  expect(fullPayload.data).not.toHaveProperty('fetch');

  // The pull feed: the same event, paged with an opaque cursor, replayable, in full.
  const first = (await ok(platform, FEED, { first: 1 }, partnerToken)).partnerFeed;
  expect(first.edges).toHaveLength(1);
  expect(first.edges[0].node).toMatchObject({ id: eventId, type: 'cpx.alerts.v1.AlertPosted', countries: ['FR', 'RS'] });
  expect(JSON.parse(first.edges[0].node.data)).toEqual(fullPayload.data);
  // Where the THIN webhook points: the partner's feed after `fetch.after` starts with this event.
  const { after } = payload.data.fetch as { after: string };
  const fetched = (await ok(platform, FEED, { first: 1, after }, partnerToken)).partnerFeed;
  expect(fetched.edges.map((edge: { cursor: string; node: { id: string; data: string } }) => [edge.cursor, edge.node.id, JSON.parse(edge.node.data)])).toEqual([
    [first.edges[0].cursor, eventId, fullPayload.data],
  ]);
  const next = (await ok(platform, FEED, { first: 10, after: first.pageInfo.endCursor }, partnerToken)).partnerFeed;
  expect(next.edges.map((edge: { node: { id: string } }) => edge.node.id)).not.toContain(first.edges[0].node.id);
  const replay = (await ok(platform, FEED, { first: 1 }, partnerToken)).partnerFeed;
  expect(replay.edges[0].cursor).toBe(first.edges[0].cursor);
  expect(codes(await platform.query(`query($id: ID) { partnerFeed(partnerId: $id) { edges { cursor } } }`, { id: unicef.id }, serbia))).toEqual(['FORBIDDEN']);

  const attempts = await ok(platform, `query($id: ID!) { webhookDeliveryAttempts(subscriptionId: $id) { edges { node { deliveryId attempt statusCode } } } }`, { id: created.subscription.id }, partnerToken);
  expect(attempts.webhookDeliveryAttempts.edges.map((edge: { node: unknown }) => edge.node)).toContainEqual({ deliveryId: webhook.headers['webhook-id'], attempt: 1, statusCode: 204 });

  // Resend: the same logical event again, same webhook-id, verifiable again; not for another partner.
  const deliveryId = webhook.headers['webhook-id'];
  expect(codes(await platform.query(`mutation($id: ID!) { resendWebhookDelivery(id: $id) }`, { id: deliveryId }, otherPartnerToken))).toEqual(['FORBIDDEN']);
  await ok(platform, `mutation($id: ID!) { resendWebhookDelivery(id: $id) }`, { id: deliveryId }, partnerToken);
  const resendDeadline = Date.now() + 30_000;
  while (received.filter((request) => request.headers['webhook-id'] === deliveryId).length < 2) {
    if (Date.now() > resendDeadline) throw new Error(`no resend of ${deliveryId}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const resent = received.filter((request) => request.headers['webhook-id'] === deliveryId)[1];
  expect(resent.body).toBe(webhook.body);
  expect(new Webhook(created.secret).verify(resent.body, resent.headers)).toEqual(payload);

  // Nothing a partner received names the child or repeats the alert's free text.
  const everything = [...received.map((request) => request.body), JSON.stringify(first), JSON.stringify(next)].join('\n');
  for (const secret of [CHILD_GIVEN, CHILD_FAMILY, TITLE, 'Kragujevac', 'Paris']) expect(everything).not.toContain(secret);
}, 120_000);

it('lets a partner create a subscription safely on retry, change it in place and enable it, through the gateway', async () => {
  const { registerPartner: iom } = await ok(platform, `mutation($input: RegisterPartnerInput!) { registerPartner(input: $input) { id } }`, { input: { name: 'IOM Regional Office' } }, admin);
  const partnerToken = await platform.token({ roles: ['partner'], partner: iom.id });
  const otherPartnerToken = await platform.token({ roles: ['partner'], partner: randomUUID() });
  const { port } = server.address() as AddressInfo;

  // A create whose answer was lost, retried with the same key: one subscription, a new secret, the first still signing.
  const CREATE = `mutation($input: CreatePartnerSubscriptionInput!) { createPartnerSubscription(input: $input) { secret replayed subscription { id version webhookUrl } } }`;
  const input = { partnerId: iom.id, eventTypes: ['cpx.alerts.v1.*'], countries: ['FR'], webhookUrl: `http://127.0.0.1:${port}/iom`, idempotencyKey: `e2e-iom-${randomUUID()}` };
  const { createPartnerSubscription: created } = await ok(platform, CREATE, { input }, partnerToken);
  const { createPartnerSubscription: retried } = await ok(platform, CREATE, { input }, partnerToken);
  expect([created.replayed, retried.replayed, retried.subscription.id, created.subscription.version]).toEqual([false, true, created.subscription.id, 1]);
  expect(retried.secret).not.toBe(created.secret);
  expect(codes(await platform.query(CREATE, { input: { ...input, countries: ['RS'] } }, partnerToken))).toEqual(['CONFLICT']);
  expect((await ok(platform, `query { partnerSubscriptions { id } }`, {}, partnerToken)).partnerSubscriptions).toHaveLength(1);

  // Changed in place: same id and secret, a new URL and payload mode; a stale version and a stranger are refused.
  const UPDATE = `mutation($input: UpdatePartnerSubscriptionInput!) { updatePartnerSubscription(input: $input) { id webhookUrl payloadMode version countries } }`;
  const change = { id: created.subscription.id, webhookUrl: `http://127.0.0.1:${port}/iom-moved`, payloadMode: 'FULL', expectedVersion: 1 };
  expect(codes(await platform.query(UPDATE, { input: change }, otherPartnerToken))).toEqual(['FORBIDDEN']);
  const { updatePartnerSubscription: updated } = await ok(platform, UPDATE, { input: change }, partnerToken);
  expect(updated).toEqual({ id: created.subscription.id, webhookUrl: change.webhookUrl, payloadMode: 'FULL', version: 2, countries: ['FR'] });
  const stale = await platform.query(UPDATE, { input: { ...change, countries: ['FR', 'RS'] } }, partnerToken);
  expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.expectedVersion' });
  expect(codes(await platform.query(UPDATE, { input: { id: created.subscription.id, webhookUrl: 'ftp://partner.example/hook' } }, partnerToken))).toEqual(['BAD_USER_INPUT']);

  // Enabling is idempotent.
  const ENABLE = `mutation($id: ID!) { enablePartnerSubscription(id: $id) { id enabled disabledReason } }`;
  expect(codes(await platform.query(ENABLE, { id: created.subscription.id }, otherPartnerToken))).toEqual(['FORBIDDEN']);
  expect((await ok(platform, ENABLE, { id: created.subscription.id }, partnerToken)).enablePartnerSubscription).toEqual({ id: created.subscription.id, enabled: true, disabledReason: null });

  // The next alert reaches the new URL, in FULL, signed with both secrets the retry left.
  const serbia = (await member(platform, admin, 'RS')).token;
  await member(platform, admin, 'FR', { focalPoint: true });
  const alertId = await postWhenRoutable(serbia, {
    idempotencyKey: `e2e-feeds-${randomUUID()}`,
    kind: 'MISSING_CHILD',
    urgency: 'HIGH',
    originCountry: 'RS',
    targetCountries: ['FR'],
    title: TITLE,
    summary: 'Seen at the station.',
    child: { givenNames: [CHILD_GIVEN], familyNames: [CHILD_FAMILY], sex: 'FEMALE', estimatedAge: { minYears: 15, maxYears: 16 } },
  });
  const deadline = Date.now() + 30_000;
  const at = () => received.find((request) => request.path === '/iom-moved' && request.body.includes(alertId));
  while (!at()) {
    if (Date.now() > deadline) throw new Error(`no webhook for ${alertId} at the new URL (received ${received.length})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const webhook = at()!;
  for (const secret of [retried.secret, created.secret]) {
    expect(new Webhook(secret).verify(webhook.body, webhook.headers)).toMatchObject({ type: 'cpx.alerts.v1.AlertPosted', data: { alertId, kind: 'MISSING_CHILD' } });
  }
  expect(received.some((request) => request.path === '/iom' && request.body.includes(alertId))).toBe(false);
  for (const secret of [CHILD_GIVEN, CHILD_FAMILY, TITLE]) expect(webhook.body).not.toContain(secret);
}, 120_000);
