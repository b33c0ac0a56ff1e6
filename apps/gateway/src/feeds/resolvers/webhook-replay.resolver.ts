/** Replaying webhooks: one delivery again, or every failed one since a time. The feeds service decides who may. */
import { Args, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import { FeedsRequests } from '@cpx/contracts';
import type { Principal } from '@cpx/platform';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import { timestampOf } from '../../graphql/proto-values';
import { ServiceClient } from '../../messaging/service.client';
import { RedeliverFailedWebhooksArgs, ResendWebhookDeliveryArgs } from '../inputs/webhook-replay.input';

/** The service names the delivery `deliveryId`; the mutation calls it `id`. */
const resendPaths = (path: string) => (path === 'deliveryId' ? 'id' : path);

@Resolver()
export class WebhookReplayResolver {
  constructor(private readonly service: ServiceClient) {}

  @Mutation(() => ID, {
    description:
      'A new attempt of one webhook delivery now, with the same webhook-id; enables the subscription’s endpoint again if it was disabled, which sends the webhooks parked meanwhile too.',
  })
  async resendWebhookDelivery(@Args() { id }: ResendWebhookDeliveryArgs, @CurrentPrincipal() principal: Principal): Promise<string> {
    return (await this.service.send(FeedsRequests.resendWebhookDelivery, { deliveryId: id }, principal, resendPaths)).deliveryId;
  }

  @Mutation(() => Int, {
    description:
      'Queues again every failed webhook delivery of the subscription since then; enables its endpoint again if it was disabled, which queues the webhooks parked meanwhile ' +
      '(the events recorded while it was disabled, whatever `since`) too, all in feed order. Returns how many were queued.',
  })
  async redeliverFailedWebhooks(@Args() { subscriptionId, since }: RedeliverFailedWebhooksArgs, @CurrentPrincipal() principal: Principal): Promise<number> {
    const { requeued, released } = await this.service.send(FeedsRequests.redeliverFailedWebhooks, { subscriptionId, since: timestampOf(since) }, principal);
    return requeued + released;
  }
}
