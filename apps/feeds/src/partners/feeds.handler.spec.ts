import { randomBytes } from 'node:crypto';
import { FeedsRequests, WebhookSecretSchema } from '@cpx/contracts';
import { SealedPayloads, webhookSecretContext, type Principal } from '@cpx/platform';
import { newWebhookSecret } from './domain/webhook-secret';
import type { CreateSubscriptionUseCase } from './create-subscription.usecase';
import type { EnableSubscriptionUseCase } from './enable-subscription.usecase';
import { FeedsHandler } from './feeds.handler';
import type { RotateSubscriptionSecretUseCase } from './rotate-subscription-secret.usecase';
import type { UpdateSubscriptionUseCase } from './update-subscription.usecase';
import { sendOverKafka } from '../testing/over-kafka';
import { aSubscriptionRow, PARTNER_ID, SUBSCRIPTION_ID } from '../testing/subscription-factories';

const partnerAdmin: Principal = { subject: 'unicef-admin', roles: ['partner'], partnerId: PARTNER_ID };
const payloads = new SealedPayloads(randomBytes(32).toString('base64'));

/** The handler with create and rotate use cases that hand out `secret`; the rest is never reached but those given. */
function aHandler(secret: string, replayed = false, given: { update?: UpdateSubscriptionUseCase; enable?: EnableSubscriptionUseCase } = {}): FeedsHandler {
  const issued = async () => ({ subscription: aSubscriptionRow(), secret, replayed });
  const unused = {} as never;
  return new FeedsHandler(
    unused,
    { execute: issued } as unknown as CreateSubscriptionUseCase,
    unused,
    { execute: issued } as unknown as RotateSubscriptionSecretUseCase,
    unused,
    unused,
    unused,
    unused,
    unused,
    given.update ?? unused,
    given.enable ?? unused,
    payloads,
  );
}

/** Every form in which the secret could be read off the reply topic. */
function clearForms(secret: string): Buffer[] {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return [Buffer.from(secret), Buffer.from(secret.slice('whsec_'.length)), key];
}

describe('a new webhook secret on the reply topic', () => {
  it.each([
    ['create', 'create', FeedsRequests.createSubscription, { partnerId: PARTNER_ID, eventTypes: ['cpx.alerts.v1.*'], webhookUrl: 'https://hooks.partner.example/cpx' }],
    ['rotate', 'rotate', FeedsRequests.rotateSubscriptionSecret, { id: SUBSCRIPTION_ID }],
  ] as const)('%s: travels only sealed, bound to the operation and the subscription', async (_name, method, operation, request) => {
    const secret = newWebhookSecret();
    const { wire, response } = await sendOverKafka(aHandler(secret), method, operation as typeof FeedsRequests.createSubscription, request as never, partnerAdmin);

    for (const clear of clearForms(secret)) expect(wire.includes(clear)).toBe(false);
    expect(response.secret).toBe('');
    expect(response.subscription?.id).toBe(SUBSCRIPTION_ID);
    expect(payloads.open(WebhookSecretSchema, response.sealedSecret, webhookSecretContext(operation, SUBSCRIPTION_ID), 'secret').secret).toBe(secret);

    // Not as another subscription's secret, nor as the other operation's.
    const other = operation === FeedsRequests.createSubscription ? FeedsRequests.rotateSubscriptionSecret : FeedsRequests.createSubscription;
    expect(() => payloads.open(WebhookSecretSchema, response.sealedSecret, webhookSecretContext(operation, '0b0e6a4e-0000-4000-8000-000000000043'), 'secret')).toThrow();
    expect(() => payloads.open(WebhookSecretSchema, response.sealedSecret, webhookSecretContext(other, SUBSCRIPTION_ID), 'secret')).toThrow();
  });

  it('says when a create answered a retry, its new secret sealed as a create’s', async () => {
    const secret = newWebhookSecret();
    const request = { partnerId: PARTNER_ID, eventTypes: ['cpx.alerts.v1.*'], idempotencyKey: 'create-0001' };
    const { wire, response } = await sendOverKafka(aHandler(secret, true), 'create', FeedsRequests.createSubscription, request, partnerAdmin);
    for (const clear of clearForms(secret)) expect(wire.includes(clear)).toBe(false);
    expect(response.replayed).toBe(true);
    expect(payloads.open(WebhookSecretSchema, response.sealedSecret, webhookSecretContext(FeedsRequests.createSubscription, SUBSCRIPTION_ID), 'secret').secret).toBe(secret);
  });
});

describe('changing a subscription over Kafka', () => {
  it('passes only the settings the request sets, unwrapping the lists, and answers with the subscription and its version', async () => {
    const execute = jest.fn().mockResolvedValue({ ...aSubscriptionRow(), version: 5 });
    const handler = aHandler('', false, { update: { execute } as unknown as UpdateSubscriptionUseCase });
    const { response } = await sendOverKafka(handler, 'update', FeedsRequests.updateSubscription, { id: SUBSCRIPTION_ID, countries: { countries: [] }, expectedVersion: 4n }, partnerAdmin);
    expect(execute).toHaveBeenCalledWith(
      { id: SUBSCRIPTION_ID, webhookUrl: undefined, eventTypes: undefined, countries: [], payloadMode: undefined, expectedVersion: 4 },
      expect.objectContaining({ subject: partnerAdmin.subject }),
    );
    expect(response.subscription).toMatchObject({ id: SUBSCRIPTION_ID, version: 5n });
  });

  it('enables an endpoint, saying how many parked deliveries it queued', async () => {
    const execute = jest.fn().mockResolvedValue({ subscription: aSubscriptionRow(), released: 12 });
    const { response } = await sendOverKafka(aHandler('', false, { enable: { execute } as unknown as EnableSubscriptionUseCase }), 'enable', FeedsRequests.enableSubscription, { id: SUBSCRIPTION_ID }, partnerAdmin);
    expect(execute).toHaveBeenCalledWith(SUBSCRIPTION_ID, expect.objectContaining({ subject: partnerAdmin.subject }));
    expect(response).toMatchObject({ released: 12, subscription: { id: SUBSCRIPTION_ID, enabled: true } });
  });
});
