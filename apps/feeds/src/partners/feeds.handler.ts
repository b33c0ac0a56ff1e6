/**
 * Kafka adapter for partners, subscriptions, the attempt log, replays and the pull feed.
 * A new webhook secret leaves only sealed (sealed-secret-reply.ts).
 */
import { Controller } from '@nestjs/common';
import type { MessageShape } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { FeedsRequests } from '@cpx/contracts';
import { encodeCursor, HandleRequest, PayloadSealer, type RequestContext } from '@cpx/platform';
import { ListDeliveryAttemptsUseCase } from '../delivery/list-delivery-attempts.usecase';
import { RedeliverFailedWebhooksUseCase } from '../delivery/redeliver-failed-webhooks.usecase';
import { ResendWebhookDeliveryUseCase } from '../delivery/resend-webhook-delivery.usecase';
import { ReadPartnerFeedUseCase } from '../feed/read-partner-feed.usecase';
import { CreateSubscriptionUseCase } from './create-subscription.usecase';
import { DeleteSubscriptionUseCase } from './delete-subscription.usecase';
import { EnableSubscriptionUseCase } from './enable-subscription.usecase';
import { ListSubscriptionsUseCase } from './list-subscriptions.usecase';
import { RegisterPartnerUseCase } from './register-partner.usecase';
import { RotateSubscriptionSecretUseCase } from './rotate-subscription-secret.usecase';
import { sealSecretForReply } from './sealed-secret-reply';
import { partnerMessage, subscriptionMessage } from './subscription-store';
import { UpdateSubscriptionUseCase } from './update-subscription.usecase';

type Req<K extends keyof typeof FeedsRequests> = MessageShape<(typeof FeedsRequests)[K]['request']>;

@Controller()
export class FeedsHandler {
  constructor(
    private readonly registerPartner: RegisterPartnerUseCase,
    private readonly createSubscription: CreateSubscriptionUseCase,
    private readonly listSubscriptions: ListSubscriptionsUseCase,
    private readonly rotateSecret: RotateSubscriptionSecretUseCase,
    private readonly deleteSubscription: DeleteSubscriptionUseCase,
    private readonly listAttempts: ListDeliveryAttemptsUseCase,
    private readonly readFeed: ReadPartnerFeedUseCase,
    private readonly resendDelivery: ResendWebhookDeliveryUseCase,
    private readonly redeliverFailed: RedeliverFailedWebhooksUseCase,
    private readonly updateSubscription: UpdateSubscriptionUseCase,
    private readonly enableSubscription: EnableSubscriptionUseCase,
    private readonly sealerToGateway: PayloadSealer,
  ) {}

  @HandleRequest(FeedsRequests.resendWebhookDelivery)
  async resend(request: Req<'resendWebhookDelivery'>, { principal }: RequestContext) {
    return this.resendDelivery.execute(request.deliveryId, principal);
  }

  @HandleRequest(FeedsRequests.redeliverFailedWebhooks)
  async redeliver(request: Req<'redeliverFailedWebhooks'>, { principal }: RequestContext) {
    const since = request.since ? timestampDate(request.since) : undefined;
    return this.redeliverFailed.execute({ subscriptionId: request.subscriptionId, since }, principal);
  }

  @HandleRequest(FeedsRequests.registerPartner)
  async register(request: Req<'registerPartner'>, { principal }: RequestContext) {
    return { partner: partnerMessage(await this.registerPartner.execute({ name: request.name, countries: request.countries }, principal)) };
  }

  @HandleRequest(FeedsRequests.createSubscription)
  async create(request: Req<'createSubscription'>, { principal }: RequestContext) {
    const { subscription, secret, replayed } = await this.createSubscription.execute(
      {
        partnerId: request.partnerId,
        eventTypes: request.eventTypes,
        countries: request.countries,
        webhookUrl: request.webhookUrl,
        payloadMode: request.payloadMode,
        idempotencyKey: request.idempotencyKey,
      },
      principal,
    );
    return {
      subscription: subscriptionMessage(subscription),
      sealedSecret: await sealSecretForReply(this.sealerToGateway, FeedsRequests.createSubscription, subscription.id, secret),
      replayed,
    };
  }

  @HandleRequest(FeedsRequests.updateSubscription)
  async update(request: Req<'updateSubscription'>, { principal }: RequestContext) {
    const subscription = await this.updateSubscription.execute(
      {
        id: request.id,
        webhookUrl: request.webhookUrl,
        eventTypes: request.eventTypes?.eventTypes,
        countries: request.countries?.countries,
        payloadMode: request.payloadMode,
        expectedVersion: request.expectedVersion === undefined ? undefined : Number(request.expectedVersion),
      },
      principal,
    );
    return { subscription: subscriptionMessage(subscription) };
  }

  @HandleRequest(FeedsRequests.enableSubscription)
  async enable(request: Req<'enableSubscription'>, { principal }: RequestContext) {
    const { subscription, released } = await this.enableSubscription.execute(request.id, principal);
    return { subscription: subscriptionMessage(subscription), released };
  }

  @HandleRequest(FeedsRequests.listSubscriptions)
  async list(request: Req<'listSubscriptions'>, { principal }: RequestContext) {
    return { subscriptions: (await this.listSubscriptions.execute(request.partnerId, principal)).map(subscriptionMessage) };
  }

  @HandleRequest(FeedsRequests.rotateSubscriptionSecret)
  async rotate(request: Req<'rotateSubscriptionSecret'>, { principal }: RequestContext) {
    const { subscription, secret } = await this.rotateSecret.execute(request.id, principal);
    return { subscription: subscriptionMessage(subscription), sealedSecret: await sealSecretForReply(this.sealerToGateway, FeedsRequests.rotateSubscriptionSecret, subscription.id, secret) };
  }

  @HandleRequest(FeedsRequests.deleteSubscription)
  async delete(request: Req<'deleteSubscription'>, { principal }: RequestContext) {
    return { id: await this.deleteSubscription.execute(request.id, principal) };
  }

  @HandleRequest(FeedsRequests.listDeliveryAttempts)
  async attempts(request: Req<'listDeliveryAttempts'>, { principal }: RequestContext) {
    const page = await this.listAttempts.execute(
      { subscriptionId: request.subscriptionId, first: request.page?.first || undefined, after: request.page?.after || undefined },
      principal,
    );
    return {
      items: page.items.map((row) => ({
        deliveryId: row.delivery_id,
        eventId: row.event_id,
        attempt: row.attempt,
        statusCode: row.status_code ?? 0,
        latencyMs: row.latency_ms,
        error: row.error,
        attemptedAt: timestampFromDate(row.attempted_at),
        cursor: encodeCursor([row.id]),
      })),
      endCursor: page.endCursor,
      hasNextPage: page.hasNextPage,
    };
  }

  @HandleRequest(FeedsRequests.getPartnerFeed)
  async feed(request: Req<'getPartnerFeed'>, { principal }: RequestContext) {
    const page = await this.readFeed.execute(
      { partnerId: request.partnerId, first: request.page?.first || undefined, after: request.page?.after || undefined },
      principal,
    );
    return {
      items: page.items.map((item) => ({
        cursor: item.cursor,
        eventId: item.eventId,
        type: item.type,
        subject: item.subject,
        countries: item.countries,
        occurredAt: timestampFromDate(item.occurredAt),
        dataJson: item.data,
      })),
      endCursor: page.endCursor,
      hasNextPage: page.hasNextPage,
    };
  }
}
