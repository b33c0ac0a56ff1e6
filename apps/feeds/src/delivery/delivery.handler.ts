/**
 * Kafka adapter for what partners' admins do with their webhook deliveries: read the
 * attempt log, resend one delivery, redeliver what failed, and enable an endpoint again.
 */
import { Controller } from '@nestjs/common';
import type { MessageShape } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { FeedsRequests } from '@cpx/contracts';
import { HandleRequest, type RequestContext } from '@cpx/platform';
import { subscriptionMessage } from '../partners/subscription.mapper';
import { attemptMessage } from './delivery.mapper';
import { EnableSubscriptionCommand } from './enable-subscription.command';
import { EnableSubscriptionUseCase } from './enable-subscription.usecase';
import { ListDeliveryAttemptsCommand } from './list-delivery-attempts.command';
import { ListDeliveryAttemptsUseCase } from './list-delivery-attempts.usecase';
import { RedeliverFailedWebhooksCommand } from './redeliver-failed-webhooks.command';
import { RedeliverFailedWebhooksUseCase } from './redeliver-failed-webhooks.usecase';
import { ResendWebhookDeliveryCommand } from './resend-webhook-delivery.command';
import { ResendWebhookDeliveryUseCase } from './resend-webhook-delivery.usecase';

type Req<K extends keyof typeof FeedsRequests> = MessageShape<(typeof FeedsRequests)[K]['request']>;

@Controller()
export class DeliveryHandler {
  constructor(
    private readonly listAttempts: ListDeliveryAttemptsUseCase,
    private readonly resendDelivery: ResendWebhookDeliveryUseCase,
    private readonly redeliverFailed: RedeliverFailedWebhooksUseCase,
    private readonly enableSubscription: EnableSubscriptionUseCase,
  ) {}

  @HandleRequest(FeedsRequests.listDeliveryAttempts)
  async attempts(request: Req<'listDeliveryAttempts'>, { principal }: RequestContext) {
    const command = ListDeliveryAttemptsCommand.from({ subscriptionId: request.subscriptionId, first: request.page?.first || undefined, after: request.page?.after || undefined });
    const page = await this.listAttempts.execute(command, principal);
    return { items: page.items.map(attemptMessage), endCursor: page.endCursor, hasNextPage: page.hasNextPage };
  }

  @HandleRequest(FeedsRequests.resendWebhookDelivery)
  async resend(request: Req<'resendWebhookDelivery'>, { principal }: RequestContext) {
    return this.resendDelivery.execute(ResendWebhookDeliveryCommand.from({ deliveryId: request.deliveryId }), principal);
  }

  @HandleRequest(FeedsRequests.redeliverFailedWebhooks)
  async redeliver(request: Req<'redeliverFailedWebhooks'>, { principal }: RequestContext) {
    const since = request.since ? timestampDate(request.since) : undefined;
    return this.redeliverFailed.execute(RedeliverFailedWebhooksCommand.from({ subscriptionId: request.subscriptionId, since }), principal);
  }

  @HandleRequest(FeedsRequests.enableSubscription)
  async enable(request: Req<'enableSubscription'>, { principal }: RequestContext) {
    const { subscription, released } = await this.enableSubscription.execute(EnableSubscriptionCommand.from({ id: request.id }), principal);
    return { subscription: subscriptionMessage(subscription), released };
  }
}
