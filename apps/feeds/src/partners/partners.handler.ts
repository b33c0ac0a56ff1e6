/**
 * Kafka adapter for partners and their subscriptions. A new webhook secret leaves only
 * sealed (sealed-secret-reply.ts). Enabling an endpoint, the attempt log and replays are
 * delivery/delivery.handler.ts'; the pull feed is feed/feed.handler.ts'.
 */
import { Controller } from '@nestjs/common';
import type { MessageShape } from '@bufbuild/protobuf';
import { FeedsRequests } from '@cpx/contracts';
import { HandleRequest, PayloadSealer, type RequestContext } from '@cpx/platform';
import { CreateSubscriptionUseCase } from './create-subscription.usecase';
import { DeleteSubscriptionUseCase } from './delete-subscription.usecase';
import { ListSubscriptionsUseCase } from './list-subscriptions.usecase';
import { RegisterPartnerUseCase } from './register-partner.usecase';
import { RotateSubscriptionSecretUseCase } from './rotate-subscription-secret.usecase';
import { sealSecretForReply } from './sealed-secret-reply';
import { partnerMessage, subscriptionMessage } from './subscription.mapper';
import { UpdateSubscriptionUseCase } from './update-subscription.usecase';

type Req<K extends keyof typeof FeedsRequests> = MessageShape<(typeof FeedsRequests)[K]['request']>;

@Controller()
export class PartnersHandler {
  constructor(
    private readonly registerPartner: RegisterPartnerUseCase,
    private readonly createSubscription: CreateSubscriptionUseCase,
    private readonly listSubscriptions: ListSubscriptionsUseCase,
    private readonly rotateSecret: RotateSubscriptionSecretUseCase,
    private readonly deleteSubscription: DeleteSubscriptionUseCase,
    private readonly updateSubscription: UpdateSubscriptionUseCase,
    private readonly sealerToGateway: PayloadSealer,
  ) {}

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
}
