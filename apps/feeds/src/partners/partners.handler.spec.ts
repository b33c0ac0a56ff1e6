import { FeedsRequests, WebhookSecretSchema } from '@cpx/contracts';
import { parseKeyList, PayloadOpener, PayloadSealer, webhookSecretContext, type Principal } from '@cpx/platform';
import { newLocalKeys } from '@cpx/stack';
import { sendOverKafka } from '@cpx/testing';
import { FeedsConfig } from '../config/feeds.config';
import { newWebhookSecret } from './domain/webhook-secret';
import type { CreateSubscriptionUseCase } from './create-subscription.usecase';
import { PartnersHandler } from './partners.handler';
import type { RotateSubscriptionSecretUseCase } from './rotate-subscription-secret.usecase';
import type { UpdateSubscriptionUseCase } from './update-subscription.usecase';
import { aSubscriptionRow, PARTNER_ID, SUBSCRIPTION_ID } from '../../test/subscription-factories';

const partnerAdmin: Principal = { subject: 'unicef-admin', roles: ['partner'], partnerId: PARTNER_ID };
const keys = newLocalKeys('unit-1');
// The feeds service holds the gateway's public key only; the spec opens as the gateway does.
const sealerToGateway = PayloadSealer.create(parseKeyList(keys.env.feeds['CPX_GATEWAY_SEALING_KEYS']!, 'CPX_GATEWAY_SEALING_KEYS'), 'unit-1', 'CPX_GATEWAY_SEALING_KEYS');
const gateway = PayloadOpener.create(parseKeyList(keys.env.gateway['GATEWAY_OPENING_KEYS']!, 'GATEWAY_OPENING_KEYS'), 'GATEWAY_OPENING_KEYS');

/** The handler with create and rotate use cases that hand out `secret`; the rest is never reached but those given. */
async function aHandler(secret: string, replayed = false, given: { update?: UpdateSubscriptionUseCase } = {}): Promise<PartnersHandler> {
  const issued = async () => ({ subscription: aSubscriptionRow(), secret, replayed });
  const unused = {} as never;
  return new PartnersHandler(
    unused,
    { execute: issued } as unknown as CreateSubscriptionUseCase,
    unused,
    { execute: issued } as unknown as RotateSubscriptionSecretUseCase,
    unused,
    given.update ?? unused,
    await sealerToGateway,
    Object.assign(new FeedsConfig(), { CPX_MODE: 'test' }),
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
    const { wire, response } = await sendOverKafka(await aHandler(secret), method, operation as typeof FeedsRequests.createSubscription, request as never, partnerAdmin);

    for (const clear of clearForms(secret)) expect(wire.includes(clear)).toBe(false);
    expect(response.secret).toBe('');
    expect(response.subscription?.id).toBe(SUBSCRIPTION_ID);
    expect((await (await gateway).open(WebhookSecretSchema, response.sealedSecret, webhookSecretContext(operation, SUBSCRIPTION_ID), 'secret')).secret).toBe(secret);

    // Not as another subscription's secret, nor as the other operation's.
    const other = operation === FeedsRequests.createSubscription ? FeedsRequests.rotateSubscriptionSecret : FeedsRequests.createSubscription;
    await expect((await gateway).open(WebhookSecretSchema, response.sealedSecret, webhookSecretContext(operation, '0b0e6a4e-0000-4000-8000-000000000043'), 'secret')).rejects.toThrow();
    await expect((await gateway).open(WebhookSecretSchema, response.sealedSecret, webhookSecretContext(other, SUBSCRIPTION_ID), 'secret')).rejects.toThrow();
  });

  it('says when a create answered a retry, its new secret sealed as a create’s', async () => {
    const secret = newWebhookSecret();
    const request = { partnerId: PARTNER_ID, eventTypes: ['cpx.alerts.v1.*'], idempotencyKey: 'create-0001' };
    const { wire, response } = await sendOverKafka(await aHandler(secret, true), 'create', FeedsRequests.createSubscription, request, partnerAdmin);
    for (const clear of clearForms(secret)) expect(wire.includes(clear)).toBe(false);
    expect(response.replayed).toBe(true);
    expect((await (await gateway).open(WebhookSecretSchema, response.sealedSecret, webhookSecretContext(FeedsRequests.createSubscription, SUBSCRIPTION_ID), 'secret')).secret).toBe(secret);
  });
});

describe('changing a subscription over Kafka', () => {
  it('passes only the settings the request sets, unwrapping the lists, and answers with the subscription and its version', async () => {
    const execute = jest.fn().mockResolvedValue({ ...aSubscriptionRow(), version: 5 });
    const handler = await aHandler('', false, { update: { execute } as unknown as UpdateSubscriptionUseCase });
    const { response } = await sendOverKafka(handler, 'update', FeedsRequests.updateSubscription, { id: SUBSCRIPTION_ID, countries: { countries: [] }, expectedVersion: 4n }, partnerAdmin);
    expect(execute).toHaveBeenCalledWith(
      { id: SUBSCRIPTION_ID, webhookUrl: undefined, eventTypes: undefined, countries: [], payloadMode: undefined, expectedVersion: 4 },
      expect.objectContaining({ subject: partnerAdmin.subject }),
    );
    expect(response.subscription).toMatchObject({ id: SUBSCRIPTION_ID, version: 5n });
  });
});
