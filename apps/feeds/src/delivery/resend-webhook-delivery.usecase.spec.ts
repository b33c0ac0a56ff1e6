import type { Principal } from '@cpx/platform';
import { fakeDatabase } from '../../test/fake-database';
import { PARTNER_ID, SUBSCRIPTION_ID } from '../../test/subscription-factories';
import { ResendWebhookDeliveryCommand } from './resend-webhook-delivery.command';
import { ResendWebhookDeliveryUseCase } from './resend-webhook-delivery.usecase';

const DELIVERY_ID = '0b0e6a4e-0000-4000-8000-000000000077';
const partnerAdmin: Principal = { subject: 'unicef-admin', roles: ['partner'], partnerId: PARTNER_ID };

/** A delivery of a disabled endpoint; `underWay`: an attempt of it is in flight. */
function aDelivery(underWay = false) {
  return fakeDatabase((sql) => {
    if (sql.includes('FROM webhook_delivery d JOIN subscription s')) return [{ subscription_id: SUBSCRIPTION_ID, partner_id: PARTNER_ID }];
    if (sql.includes('WITH requeued AS')) return underWay ? [] : [{ id: DELIVERY_ID }];
    if (sql.includes('UPDATE subscription SET enabled = true')) return [{ id: SUBSCRIPTION_ID }];
    if (sql.includes('WITH waiting AS')) return [{ was: 'PARKED', n: 3 }];
    return [];
  });
}

describe('resending one delivery', () => {
  it('queues it now, then enables the endpoint, whose parked deliveries follow it', async () => {
    const { dataSource, statements } = aDelivery();
    expect(await new ResendWebhookDeliveryUseCase(dataSource).execute(ResendWebhookDeliveryCommand.from({ deliveryId: DELIVERY_ID }), partnerAdmin)).toEqual({ deliveryId: DELIVERY_ID, subscriptionId: SUBSCRIPTION_ID });
    const sql = statements.map((statement) => statement.sql);
    expect(sql.findIndex((text) => text.includes('FOR NO KEY UPDATE'))).toBeLessThan(sql.findIndex((text) => text.includes('WITH requeued AS')));
    expect(statements.find((statement) => statement.sql.includes('WITH waiting AS'))!.parameters).toEqual([SUBSCRIPTION_ID, null, 1]);
  });

  it('refuses to double an attempt under way (CONFLICT), before enabling anything', async () => {
    const { dataSource, writes } = aDelivery(true);
    await expect(new ResendWebhookDeliveryUseCase(dataSource).execute(ResendWebhookDeliveryCommand.from({ deliveryId: DELIVERY_ID }), partnerAdmin)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(writes().filter((sql) => !sql.includes('WITH requeued AS'))).toEqual([]);
  });
});
