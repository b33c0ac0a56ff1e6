import { timestampDate } from '@bufbuild/protobuf/wkt';
import { FeedsRequests } from '@cpx/contracts';
import { DomainError } from '@cpx/platform';
import { FakeRequests } from '../../../test/fake-requests';
import { startTestGateway, type TestGateway } from '../../../test/test-gateway';

const PARTNER_ID = '5f0c7a52-4e7c-4d8e-9f43-2a8c1b1e9d11';
const SUBSCRIPTION_ID = '8d3b9a10-3c1f-4a55-9e0d-6b7f2e4c1a22';
const DELIVERY_ID = '1a2b3c4d-3c1f-4a55-9e0d-6b7f2e4c1a33';

describe('webhook replay resolvers', () => {
  let gateway: TestGateway;
  let token: string;
  const requests = new FakeRequests();

  beforeAll(async () => {
    gateway = await startTestGateway({ requests });
    token = await gateway.token({ sub: 'unicef-admin', roles: ['partner'], cpx_partner: PARTNER_ID });
  });
  afterAll(() => gateway.close());
  beforeEach(() => {
    requests.calls.length = 0;
  });

  it('resends one delivery, and gives the service’s refusals back under the mutation’s names', async () => {
    requests.on(FeedsRequests.resendWebhookDelivery, (request) => ({ deliveryId: request.deliveryId, subscriptionId: SUBSCRIPTION_ID }));
    const mutation = `mutation($id: ID!) { resendWebhookDelivery(id: $id) }`;
    const { body } = await gateway.graphql(mutation, { token, variables: { id: DELIVERY_ID } });
    expect(body).toEqual({ data: { resendWebhookDelivery: DELIVERY_ID } });
    expect(requests.calls[0]).toMatchObject({ request: { deliveryId: DELIVERY_ID }, principal: { partnerId: PARTNER_ID } });

    for (const [refusal, extensions] of [
      [DomainError.forbidden(), { code: 'FORBIDDEN' }],
      [DomainError.notFound('Webhook delivery', DELIVERY_ID), { code: 'NOT_FOUND' }],
      [DomainError.badInput('deliveryId', 'deliveryId must be an id issued by CPX.'), { code: 'BAD_USER_INPUT', field: 'id' }],
    ] as const) {
      requests.on(FeedsRequests.resendWebhookDelivery, () => {
        throw refusal;
      });
      expect((await gateway.graphql(mutation, { token, variables: { id: DELIVERY_ID } })).body.errors?.[0]?.extensions).toEqual(extensions);
    }
  });

  it('redelivers what failed since a time, passing the time through, and counts the parked deliveries queued with them', async () => {
    requests.on(FeedsRequests.redeliverFailedWebhooks, () => ({ requeued: 7, released: 30 }));
    const { body } = await gateway.graphql(`mutation { redeliverFailedWebhooks(subscriptionId: "${SUBSCRIPTION_ID}", since: "2026-02-01T08:00:00.000Z") }`, { token });
    expect(body).toEqual({ data: { redeliverFailedWebhooks: 37 } });
    const request = requests.calls[0].request as { subscriptionId: string; since: Parameters<typeof timestampDate>[0] };
    expect(request.subscriptionId).toBe(SUBSCRIPTION_ID);
    expect(timestampDate(request.since).toISOString()).toBe('2026-02-01T08:00:00.000Z');
  });

  it('refuses a malformed id before calling the service', async () => {
    const { body } = await gateway.graphql(`mutation { redeliverFailedWebhooks(subscriptionId: "nope", since: "2026-02-01T08:00:00Z") }`, { token });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'subscriptionId' });
    expect(requests.calls).toHaveLength(0);
  });
});
