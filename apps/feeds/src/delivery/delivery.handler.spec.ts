import type { Principal } from '@cpx/platform';
import { FeedsRequests } from '@cpx/contracts';
import { sendOverKafka } from '@cpx/testing';
import { aSubscriptionRow, PARTNER_ID, SUBSCRIPTION_ID } from '../../test/subscription-factories';
import { DeliveryHandler } from './delivery.handler';
import type { EnableSubscriptionUseCase } from './enable-subscription.usecase';

const partnerAdmin: Principal = { subject: 'unicef-admin', roles: ['partner'], partnerId: PARTNER_ID };

/** The handler with the given enable use case; the rest is never reached. */
function aHandler(given: { enable: EnableSubscriptionUseCase }): DeliveryHandler {
  const unused = {} as never;
  return new DeliveryHandler(unused, unused, unused, given.enable);
}

describe('enabling an endpoint over Kafka', () => {
  it('enables an endpoint, saying how many parked deliveries it queued', async () => {
    const execute = jest.fn().mockResolvedValue({ subscription: aSubscriptionRow(), released: 12 });
    const { response } = await sendOverKafka(aHandler({ enable: { execute } as unknown as EnableSubscriptionUseCase }), 'enable', FeedsRequests.enableSubscription, { id: SUBSCRIPTION_ID }, partnerAdmin);
    expect(execute).toHaveBeenCalledWith({ id: SUBSCRIPTION_ID }, expect.objectContaining({ subject: partnerAdmin.subject }));
    expect(response).toMatchObject({ released: 12, subscription: { id: SUBSCRIPTION_ID, enabled: true } });
  });
});
