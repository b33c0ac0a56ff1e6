import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { FeedsRequests, PayloadMode, WebhookSecretSchema } from '@cpx/contracts';
import { DomainError, PayloadSealer, webhookSecretContext } from '@cpx/platform';
import { newLocalKeys } from '@cpx/stack';
import { FakeRequests } from '../../test/fake-requests';
import { startTestGateway, testServices, type TestGateway } from '../../test/test-gateway';
import type { SecretOperation } from './webhook-secret-reply';

const PARTNER_ID = '5f0c7a52-4e7c-4d8e-9f43-2a8c1b1e9d11';
const SUBSCRIPTION_ID = '8d3b9a10-3c1f-4a55-9e0d-6b7f2e4c1a22';
const AT = new Date('2026-02-01T08:00:00Z');
const SECRET = 'whsec_c2VjcmV0';

/** The secret as the feeds service sends it: sealed for this operation and subscription. */
const sealed = (operation: SecretOperation, subscriptionId = SUBSCRIPTION_ID, secret = SECRET) =>
  testServices.sealToGateway(WebhookSecretSchema, { secret }, webhookSecretContext(operation, subscriptionId));
/** Sealed to a gateway key of another deployment, under the same key id. */
const sealedToAnotherGateway = async () => {
  const other = newLocalKeys('test-1').env.alerts;
  const sealer = await PayloadSealer.create(new Map([['test-1', Buffer.from(other['CPX_GATEWAY_SEALING_KEYS']!.split(':')[1]!, 'base64')]]), 'test-1', 'CPX_GATEWAY_SEALING_KEYS');
  return sealer.seal(WebhookSecretSchema, { secret: SECRET }, webhookSecretContext(FeedsRequests.createSubscription, SUBSCRIPTION_ID));
};

describe('feeds resolvers', () => {
  let gateway: TestGateway;
  let partnerToken: string;
  const requests = new FakeRequests();

  beforeAll(async () => {
    gateway = await startTestGateway({ requests });
    partnerToken = await gateway.token({ sub: 'unicef-admin', roles: ['partner'], cpx_partner: PARTNER_ID });
  });
  afterAll(() => gateway.close());
  beforeEach(() => {
    requests.calls.length = 0;
  });

  it('reads the caller’s own partner feed, passing the opaque cursor through', async () => {
    requests.on(FeedsRequests.getPartnerFeed, () => ({
      items: [{ cursor: 'c-7', eventId: 'e-7', type: 'cpx.alerts.v1.AlertPosted', subject: 'alerts/a-1', countries: ['FR', 'RS'], occurredAt: timestampFromDate(AT), dataJson: '{"alertId":"a-1"}' }],
      endCursor: 'c-7',
      hasNextPage: true,
    }));
    const { body } = await gateway.graphql(
      `query { partnerFeed(first: 1, after: "c-6") { edges { cursor node { id type countries occurredAt data } } pageInfo { hasNextPage endCursor startCursor hasPreviousPage } } }`,
      { token: partnerToken },
    );
    expect(body).toEqual({
      data: {
        partnerFeed: {
          edges: [{ cursor: 'c-7', node: { id: 'e-7', type: 'cpx.alerts.v1.AlertPosted', countries: ['FR', 'RS'], occurredAt: AT.toISOString(), data: '{"alertId":"a-1"}' } }],
          // As the schema says and the directory's connections answer: after a cursor, a
          // page has one before it, and its start is its first edge.
          pageInfo: { hasNextPage: true, endCursor: 'c-7', startCursor: 'c-7', hasPreviousPage: true },
        },
      },
    });
    const first = await gateway.graphql(`query { partnerFeed(first: 1) { pageInfo { startCursor hasPreviousPage } } }`, { token: partnerToken });
    expect(first.body.data).toEqual({ partnerFeed: { pageInfo: { startCursor: 'c-7', hasPreviousPage: false } } });
    requests.on(FeedsRequests.getPartnerFeed, () => ({ items: [], endCursor: 'c-9', hasNextPage: true }));
    const empty = await gateway.graphql(`query { partnerFeed(first: 1, after: "c-8") { pageInfo { startCursor hasPreviousPage endCursor } } }`, { token: partnerToken });
    expect(empty.body.data).toEqual({ partnerFeed: { pageInfo: { startCursor: null, hasPreviousPage: true, endCursor: 'c-9' } } });
    expect(requests.calls[0]).toMatchObject({ request: { partnerId: PARTNER_ID, page: { first: 1, after: 'c-6' } }, principal: { roles: ['partner'], partnerId: PARTNER_ID } });
  });

  it('asks a caller who is not a partner user which partner', async () => {
    const { body } = await gateway.graphql(`query { partnerFeed { edges { cursor } } }`);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'partnerId' });
    expect(requests.calls).toHaveLength(0);
  });

  it('returns the secret once on create, opened from the service’s sealed reply, and maps the service’s refusal', async () => {
    requests.on(FeedsRequests.createSubscription, async (request) => ({
      subscription: { id: SUBSCRIPTION_ID, partnerId: request.partnerId, eventTypes: request.eventTypes, countries: [], webhookUrl: '', enabled: true, createdAt: timestampFromDate(AT) },
      sealedSecret: await sealed(FeedsRequests.createSubscription),
    }));
    const mutation = `mutation($input: CreatePartnerSubscriptionInput!) { createPartnerSubscription(input: $input) { secret subscription { id webhookUrl enabled countries } } }`;
    const { body } = await gateway.graphql(mutation, { token: partnerToken, variables: { input: { partnerId: PARTNER_ID, eventTypes: ['cpx.alerts.v1.*'] } } });
    expect(body.data).toEqual({ createPartnerSubscription: { secret: SECRET, subscription: { id: SUBSCRIPTION_ID, webhookUrl: null, enabled: true, countries: [] } } });

    requests.on(FeedsRequests.createSubscription, () => {
      throw DomainError.forbidden();
    });
    const refused = await gateway.graphql(mutation, { token: partnerToken, variables: { input: { partnerId: PARTNER_ID, eventTypes: ['cpx.alerts.v1.*'] } } });
    expect(refused.body.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN' });
  });

  it('returns the rotated secret opened as the secret of the subscription asked for', async () => {
    const rotated = 'whsec_cm90YXRlZA==';
    requests.on(FeedsRequests.rotateSubscriptionSecret, async ({ id }) => ({
      subscription: { id, partnerId: PARTNER_ID, eventTypes: ['cpx.alerts.v1.*'], countries: [], createdAt: timestampFromDate(AT), previousSecretExpiresAt: timestampFromDate(AT) },
      sealedSecret: await sealed(FeedsRequests.rotateSubscriptionSecret, id, rotated),
    }));
    const { body } = await gateway.graphql(`mutation($id: ID!) { rotatePartnerSubscriptionSecret(id: $id) { secret subscription { id } } }`, {
      token: partnerToken,
      variables: { id: SUBSCRIPTION_ID },
    });
    expect(body.data).toEqual({ rotatePartnerSubscriptionSecret: { secret: rotated, subscription: { id: SUBSCRIPTION_ID } } });
  });

  it.each([
    ['sealed for another subscription', () => sealed(FeedsRequests.createSubscription, '8d3b9a10-3c1f-4a55-9e0d-6b7f2e4c1a23')],
    ['sealed for the other operation', () => sealed(FeedsRequests.rotateSubscriptionSecret)],
    ['sealed to another key', sealedToAnotherGateway],
    ['sealed, but not a whsec_ secret', () => sealed(FeedsRequests.createSubscription, SUBSCRIPTION_ID, 'c2VjcmV0')],
    ['missing', async () => new Uint8Array()],
  ])('answers an internal error, never a secret, when the reply’s secret is %s', async (_case, sealedSecret) => {
    requests.on(FeedsRequests.createSubscription, async (request) => ({
      subscription: { id: SUBSCRIPTION_ID, partnerId: request.partnerId, eventTypes: request.eventTypes, countries: [], createdAt: timestampFromDate(AT) },
      sealedSecret: await sealedSecret(),
    }));
    const { body } = await gateway.graphql(`mutation($input: CreatePartnerSubscriptionInput!) { createPartnerSubscription(input: $input) { secret } }`, {
      token: partnerToken,
      variables: { input: { partnerId: PARTNER_ID, eventTypes: ['cpx.alerts.v1.*'] } },
    });
    expect(body).toEqual({ data: null, errors: [expect.objectContaining({ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } })] });
  });

  it('still takes the clear secret of a feeds service from before sealed_secret, while a deploy rolls out', async () => {
    requests.on(FeedsRequests.createSubscription, (request) => ({
      subscription: { id: SUBSCRIPTION_ID, partnerId: request.partnerId, eventTypes: request.eventTypes, countries: [], createdAt: timestampFromDate(AT) },
      // As such a reply decodes: no sealed_secret.
      sealedSecret: new Uint8Array(),
      secret: SECRET,
    }));
    const { body } = await gateway.graphql(`mutation($input: CreatePartnerSubscriptionInput!) { createPartnerSubscription(input: $input) { secret } }`, {
      token: partnerToken,
      variables: { input: { partnerId: PARTNER_ID, eventTypes: ['cpx.alerts.v1.*'] } },
    });
    expect(body.data).toEqual({ createPartnerSubscription: { secret: SECRET } });
  });

  it('sends the payload mode asked for, THIN when none is, and shows each subscription’s', async () => {
    requests.on(FeedsRequests.createSubscription, async (request) => ({
      subscription: { id: SUBSCRIPTION_ID, partnerId: request.partnerId, eventTypes: request.eventTypes, countries: [], createdAt: timestampFromDate(AT), payloadMode: request.payloadMode || PayloadMode.THIN },
      sealedSecret: await sealed(FeedsRequests.createSubscription),
    }));
    const mutation = `mutation($input: CreatePartnerSubscriptionInput!) { createPartnerSubscription(input: $input) { subscription { payloadMode } } }`;
    const input = { partnerId: PARTNER_ID, eventTypes: ['cpx.alerts.v1.*'] };
    const modes: unknown[] = [];
    for (const payloadMode of [undefined, null, 'THIN', 'FULL']) {
      const { body } = await gateway.graphql(mutation, { token: partnerToken, variables: { input: payloadMode === undefined ? input : { ...input, payloadMode } } });
      modes.push((body.data?.createPartnerSubscription as { subscription: { payloadMode: string } } | undefined)?.subscription.payloadMode);
    }
    expect(requests.calls.map((call) => (call.request as { payloadMode: PayloadMode }).payloadMode)).toEqual([PayloadMode.THIN, PayloadMode.UNSPECIFIED, PayloadMode.THIN, PayloadMode.FULL]);
    expect(modes).toEqual(['THIN', 'THIN', 'THIN', 'FULL']);

    requests.on(FeedsRequests.listSubscriptions, () => ({
      subscriptions: [{ id: SUBSCRIPTION_ID, partnerId: PARTNER_ID, eventTypes: ['cpx.alerts.v1.*'], countries: [], createdAt: timestampFromDate(AT), payloadMode: PayloadMode.FULL }],
    }));
    const { body } = await gateway.graphql(`query { partnerSubscriptions { id payloadMode } }`, { token: partnerToken });
    expect(body.data).toEqual({ partnerSubscriptions: [{ id: SUBSCRIPTION_ID, payloadMode: 'FULL' }] });
  });

  it('refuses a payload mode GraphQL does not know before calling the service', async () => {
    const { body } = await gateway.graphql(`mutation($input: CreatePartnerSubscriptionInput!) { createPartnerSubscription(input: $input) { secret } }`, {
      token: partnerToken,
      variables: { input: { partnerId: PARTNER_ID, eventTypes: ['cpx.alerts.v1.*'], payloadMode: 'MEDIUM' } },
    });
    expect(body.errors?.[0]).toMatchObject({ message: expect.stringContaining('payloadMode'), extensions: { code: 'BAD_USER_INPUT' } });
    expect(requests.calls).toHaveLength(0);
  });

  it.each([
    [{ eventTypes: ['*'] }, 'input.eventTypes'],
    [{ eventTypes: [] }, 'input.eventTypes'],
    [{ countries: ['Serbia'] }, 'input.countries'],
    [{ webhookUrl: 'javascript:alert(1)' }, 'input.webhookUrl'],
  ])('refuses %j before calling the service', async (overrides, field) => {
    const { body } = await gateway.graphql(
      `mutation($input: CreatePartnerSubscriptionInput!) { createPartnerSubscription(input: $input) { secret } }`,
      { token: partnerToken, variables: { input: { partnerId: PARTNER_ID, eventTypes: ['cpx.alerts.v1.*'], ...overrides } } },
    );
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: expect.stringContaining(field) });
    expect(requests.calls).toHaveLength(0);
  });

  it('passes the idempotency key through, none as empty, and says when the service answered a retry', async () => {
    requests.on(FeedsRequests.createSubscription, async (request) => ({
      subscription: { id: SUBSCRIPTION_ID, partnerId: request.partnerId, eventTypes: request.eventTypes, countries: [], createdAt: timestampFromDate(AT), version: 1n },
      sealedSecret: await sealed(FeedsRequests.createSubscription),
      replayed: request.idempotencyKey !== '',
    }));
    const mutation = `mutation($input: CreatePartnerSubscriptionInput!) { createPartnerSubscription(input: $input) { secret replayed subscription { id version } } }`;
    const input = { partnerId: PARTNER_ID, eventTypes: ['cpx.alerts.v1.*'] };
    const retried = await gateway.graphql(mutation, { token: partnerToken, variables: { input: { ...input, idempotencyKey: 'create-2026-0001' } } });
    expect(retried.body.data).toEqual({ createPartnerSubscription: { secret: SECRET, replayed: true, subscription: { id: SUBSCRIPTION_ID, version: 1 } } });
    const plain = await gateway.graphql(mutation, { token: partnerToken, variables: { input } });
    expect(plain.body.data).toMatchObject({ createPartnerSubscription: { replayed: false } });
    expect(requests.calls.map((call) => (call.request as { idempotencyKey: string }).idempotencyKey)).toEqual(['create-2026-0001', '']);

    const refused = await gateway.graphql(mutation, { token: partnerToken, variables: { input: { ...input, idempotencyKey: 'no spaces!' } } });
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: expect.stringContaining('input.idempotencyKey') });
    expect(requests.calls).toHaveLength(2);

    requests.on(FeedsRequests.createSubscription, () => {
      throw DomainError.conflict('This idempotency key was already used for a different subscription.', 'input.idempotencyKey');
    });
    const conflict = await gateway.graphql(mutation, { token: partnerToken, variables: { input: { ...input, idempotencyKey: 'create-2026-0001' } } });
    expect(conflict.body.errors?.[0]?.extensions).toEqual({ code: 'CONFLICT', field: 'input.idempotencyKey' });
  });

  it('updates a subscription, sending only what the input sets, and gives the service’s refusals back under the input’s names', async () => {
    requests.on(FeedsRequests.updateSubscription, (request) => ({
      subscription: { id: request.id, partnerId: PARTNER_ID, eventTypes: ['cpx.alerts.v1.*'], countries: [], webhookUrl: request.webhookUrl ?? '', enabled: true, createdAt: timestampFromDate(AT), payloadMode: PayloadMode.FULL, version: 4n },
    }));
    const mutation = `mutation($input: UpdatePartnerSubscriptionInput!) { updatePartnerSubscription(input: $input) { id webhookUrl payloadMode version } }`;
    const { body } = await gateway.graphql(mutation, {
      token: partnerToken,
      variables: { input: { id: SUBSCRIPTION_ID, webhookUrl: 'https://new.partner.example/cpx', countries: [], eventTypes: null, payloadMode: 'FULL', expectedVersion: 3 } },
    });
    expect(body.data).toEqual({ updatePartnerSubscription: { id: SUBSCRIPTION_ID, webhookUrl: 'https://new.partner.example/cpx', payloadMode: 'FULL', version: 4 } });
    const request = requests.calls[0].request as Record<string, unknown>;
    expect(request).toMatchObject({ id: SUBSCRIPTION_ID, webhookUrl: 'https://new.partner.example/cpx', countries: { countries: [] }, payloadMode: PayloadMode.FULL, expectedVersion: 3n });
    // Left out or null: not sent, so kept.
    expect(request.eventTypes).toBeUndefined();

    for (const [refusal, extensions] of [
      [DomainError.conflict('The subscription changed meanwhile (version 5).', 'input.expectedVersion'), { code: 'CONFLICT', field: 'input.expectedVersion' }],
      [DomainError.badInput('input.webhookUrl', 'input.webhookUrl must not point at a private address.'), { code: 'BAD_USER_INPUT', field: 'input.webhookUrl' }],
      [DomainError.forbidden(), { code: 'FORBIDDEN' }],
    ] as const) {
      requests.on(FeedsRequests.updateSubscription, () => {
        throw refusal;
      });
      expect((await gateway.graphql(mutation, { token: partnerToken, variables: { input: { id: SUBSCRIPTION_ID, countries: ['FR'] } } })).body.errors?.[0]?.extensions).toEqual(extensions);
    }
  });

  it.each([
    [{ eventTypes: [] }, 'input.eventTypes'],
    [{ countries: ['Serbia'] }, 'input.countries'],
    [{ webhookUrl: 'javascript:alert(1)' }, 'input.webhookUrl'],
    [{ payloadMode: 'MEDIUM' }, 'payloadMode'],
    [{ expectedVersion: -1 }, 'input.expectedVersion'],
    [{ id: 'nope' }, 'input.id'],
  ])('refuses the update %j before calling the service', async (overrides, field) => {
    const { body } = await gateway.graphql(`mutation($input: UpdatePartnerSubscriptionInput!) { updatePartnerSubscription(input: $input) { id } }`, {
      token: partnerToken,
      variables: { input: { id: SUBSCRIPTION_ID, ...overrides } },
    });
    expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(JSON.stringify(body.errors?.[0])).toContain(field);
    expect(requests.calls).toHaveLength(0);
  });

  it('enables a subscription’s endpoint', async () => {
    requests.on(FeedsRequests.enableSubscription, ({ id }) => ({
      subscription: { id, partnerId: PARTNER_ID, eventTypes: ['cpx.alerts.v1.*'], countries: [], enabled: true, createdAt: timestampFromDate(AT), version: 2n },
      released: 40,
    }));
    const mutation = `mutation($id: ID!) { enablePartnerSubscription(id: $id) { id enabled disabledReason version } }`;
    const { body } = await gateway.graphql(mutation, { token: partnerToken, variables: { id: SUBSCRIPTION_ID } });
    expect(body.data).toEqual({ enablePartnerSubscription: { id: SUBSCRIPTION_ID, enabled: true, disabledReason: null, version: 2 } });
    expect(requests.calls[0]).toMatchObject({ request: { id: SUBSCRIPTION_ID }, principal: { partnerId: PARTNER_ID } });

    requests.on(FeedsRequests.enableSubscription, () => {
      throw DomainError.forbidden();
    });
    expect((await gateway.graphql(mutation, { token: partnerToken, variables: { id: SUBSCRIPTION_ID } })).body.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN' });
  });
});
