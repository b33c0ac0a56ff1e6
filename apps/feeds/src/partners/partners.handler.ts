/**
 * Kafka adapter for partners and their subscriptions. A new webhook secret leaves only
 * sealed (sealed-secret-reply.ts). Enabling an endpoint, the attempt log and replays are
 * delivery/delivery.handler.ts'; the pull feed is feed/feed.handler.ts'.
 */
import { Controller, Inject } from '@nestjs/common';
import type { MessageShape } from '@bufbuild/protobuf';
import { FeedsRequests } from '@cpx/contracts';
import { HandleRequest, PayloadSealer, type RequestContext } from '@cpx/platform';
import { FeedsConfig } from '../config/feeds.config';
import { CreateSubscriptionCommand } from './create-subscription.command';
import { CreateSubscriptionUseCase } from './create-subscription.usecase';
import { DeleteSubscriptionCommand } from './delete-subscription.command';
import { DeleteSubscriptionUseCase } from './delete-subscription.usecase';
import type { EndpointPolicy } from './domain/webhook-url';
import { ListSubscriptionsCommand } from './list-subscriptions.command';
import { ListSubscriptionsUseCase } from './list-subscriptions.usecase';
import { RegisterPartnerCommand } from './register-partner.command';
import { RegisterPartnerUseCase } from './register-partner.usecase';
import { RotateSubscriptionSecretCommand } from './rotate-subscription-secret.command';
import { RotateSubscriptionSecretUseCase } from './rotate-subscription-secret.usecase';
import { sealSecretForReply } from './sealed-secret-reply';
import { partnerMessage, subscriptionMessage } from './subscription.mapper';
import { UpdateSubscriptionCommand } from './update-subscription.command';
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
    @Inject(FeedsConfig) private readonly config: Pick<FeedsConfig, 'FEEDS_ALLOW_PRIVATE_ENDPOINTS'>,
  ) {}

  /** Which webhook URLs the commands accept (domain/webhook-url.ts). */
  private get endpointPolicy(): EndpointPolicy {
    return { allowPrivate: this.config.FEEDS_ALLOW_PRIVATE_ENDPOINTS };
  }

  @HandleRequest(FeedsRequests.registerPartner)
  async register(request: Req<'registerPartner'>, { principal }: RequestContext) {
    const command = RegisterPartnerCommand.from({ name: request.name, countries: request.countries });
    return { partner: partnerMessage(await this.registerPartner.execute(command, principal)) };
  }

  @HandleRequest(FeedsRequests.createSubscription)
  async create(request: Req<'createSubscription'>, { principal }: RequestContext) {
    const command = CreateSubscriptionCommand.from(
      {
        partnerId: request.partnerId,
        eventTypes: request.eventTypes,
        countries: request.countries,
        webhookUrl: request.webhookUrl,
        payloadMode: request.payloadMode,
        idempotencyKey: request.idempotencyKey,
      },
      this.endpointPolicy,
    );
    const { subscription, secret, replayed } = await this.createSubscription.execute(command, principal);
    return {
      subscription: subscriptionMessage(subscription),
      sealedSecret: await sealSecretForReply(this.sealerToGateway, FeedsRequests.createSubscription, subscription.id, secret),
      replayed,
    };
  }

  @HandleRequest(FeedsRequests.updateSubscription)
  async update(request: Req<'updateSubscription'>, { principal }: RequestContext) {
    // The lists come wrapped, so that an absent list (unchanged) differs from an empty one.
    const command = UpdateSubscriptionCommand.from(
      {
        id: request.id,
        webhookUrl: request.webhookUrl,
        eventTypes: request.eventTypes?.eventTypes,
        countries: request.countries?.countries,
        payloadMode: request.payloadMode,
        expectedVersion: request.expectedVersion === undefined ? undefined : Number(request.expectedVersion),
      },
      this.endpointPolicy,
    );
    const subscription = await this.updateSubscription.execute(command, principal);
    return { subscription: subscriptionMessage(subscription) };
  }

  @HandleRequest(FeedsRequests.listSubscriptions)
  async list(request: Req<'listSubscriptions'>, { principal }: RequestContext) {
    return { subscriptions: (await this.listSubscriptions.execute(ListSubscriptionsCommand.from({ partnerId: request.partnerId }), principal)).map(subscriptionMessage) };
  }

  @HandleRequest(FeedsRequests.rotateSubscriptionSecret)
  async rotate(request: Req<'rotateSubscriptionSecret'>, { principal }: RequestContext) {
    const { subscription, secret } = await this.rotateSecret.execute(RotateSubscriptionSecretCommand.from({ id: request.id }), principal);
    return { subscription: subscriptionMessage(subscription), sealedSecret: await sealSecretForReply(this.sealerToGateway, FeedsRequests.rotateSubscriptionSecret, subscription.id, secret) };
  }

  @HandleRequest(FeedsRequests.deleteSubscription)
  async delete(request: Req<'deleteSubscription'>, { principal }: RequestContext) {
    return { id: await this.deleteSubscription.execute(DeleteSubscriptionCommand.from({ id: request.id }), principal) };
  }
}
