/**
 * Partners and their subscriptions. The feeds service decides who may (platform admins,
 * the partner's own users). A new webhook secret arrives sealed and is opened here, for
 * the partner's admin only (webhook-secret-reply.ts).
 */
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { FeedsRequests } from '@cpx/contracts';
import { PayloadOpener, type Principal } from '@cpx/platform';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import { underInput } from '../../messaging/argument-paths';
import { required } from '../../graphql/proto-values';
import { smallListComplexity } from '../../graphql/query-limits';
import { ServiceClient } from '../../messaging/service.client';
import { partnerOf } from '../partner-of';
import { payloadModeOf, toPartner, toSubscription, toUpdateSubscriptionRequest } from '../feeds.mapper';
import { CreatePartnerSubscriptionArgs, PartnerArgs, RegisterPartnerArgs, SubscriptionIdArgs, UpdatePartnerSubscriptionArgs } from '../inputs/feeds.input';
import { PartnerObject, PartnerSubscriptionObject, PartnerSubscriptionSecretObject } from '../types/feeds.types';
import { openWebhookSecret } from '../webhook-secret-reply';

@Resolver(() => PartnerSubscriptionObject)
export class PartnerResolver {
  constructor(
    private readonly service: ServiceClient,
    private readonly opener: PayloadOpener,
  ) {}

  @Mutation(() => PartnerObject, { description: 'Registers a partner organisation (platform admins).' })
  async registerPartner(@Args() { input }: RegisterPartnerArgs, @CurrentPrincipal() principal: Principal): Promise<PartnerObject> {
    const { partner } = await this.service.send(FeedsRequests.registerPartner, { name: input.name, countries: input.countries ?? [] }, principal, underInput());
    return toPartner(required(partner, 'partner'));
  }

  @Mutation(() => PartnerSubscriptionSecretObject, {
    description:
      'Subscribes a partner to event types and countries, with the webhooks’ payload mode (THIN unless FULL is asked for); the webhook secret is returned once. ' +
      'With an idempotencyKey, a retry creates nothing (see CreatePartnerSubscriptionInput.idempotencyKey).',
  })
  async createPartnerSubscription(@Args() { input }: CreatePartnerSubscriptionArgs, @CurrentPrincipal() principal: Principal): Promise<PartnerSubscriptionSecretObject> {
    const reply = await this.service.send(
      FeedsRequests.createSubscription,
      {
        partnerId: input.partnerId,
        eventTypes: input.eventTypes,
        countries: input.countries ?? [],
        webhookUrl: input.webhookUrl ?? '',
        payloadMode: payloadModeOf(input.payloadMode),
        idempotencyKey: input.idempotencyKey ?? '',
      },
      principal,
      underInput(),
    );
    const subscription = toSubscription(required(reply.subscription, 'subscription'));
    return { subscription, secret: await openWebhookSecret(this.opener, FeedsRequests.createSubscription, subscription.id, reply), replayed: reply.replayed };
  }

  @Mutation(() => PartnerSubscriptionObject, {
    description:
      'Changes a subscription’s webhook URL, event types, countries or payload mode in place: same id, same secret, its webhooks not yet delivered kept. ' +
      'Pass expectedVersion to be refused (CONFLICT) if somebody changed it meanwhile.',
  })
  async updatePartnerSubscription(@Args() { input }: UpdatePartnerSubscriptionArgs, @CurrentPrincipal() principal: Principal): Promise<PartnerSubscriptionObject> {
    const reply = await this.service.send(FeedsRequests.updateSubscription, toUpdateSubscriptionRequest(input), principal, underInput());
    return toSubscription(required(reply.subscription, 'subscription'));
  }

  @Mutation(() => PartnerSubscriptionObject, {
    description:
      'Enables a subscription’s webhook endpoint again (it may already be enabled): its run of failures starts afresh, and the webhooks of the events recorded while it was disabled are sent, in feed order.',
  })
  async enablePartnerSubscription(@Args() { id }: SubscriptionIdArgs, @CurrentPrincipal() principal: Principal): Promise<PartnerSubscriptionObject> {
    const reply = await this.service.send(FeedsRequests.enableSubscription, { id }, principal);
    return toSubscription(required(reply.subscription, 'subscription'));
  }

  @Mutation(() => PartnerSubscriptionSecretObject, {
    description: 'A new webhook secret, returned once; the previous one keeps signing for 24 hours, and until then another rotation is refused (CONFLICT).',
  })
  async rotatePartnerSubscriptionSecret(@Args() { id }: SubscriptionIdArgs, @CurrentPrincipal() principal: Principal): Promise<PartnerSubscriptionSecretObject> {
    const reply = await this.service.send(FeedsRequests.rotateSubscriptionSecret, { id }, principal);
    // Opened as the secret of the subscription asked for, whatever the reply says it is.
    return {
      subscription: toSubscription(required(reply.subscription, 'subscription')),
      secret: await openWebhookSecret(this.opener, FeedsRequests.rotateSubscriptionSecret, id, reply),
      replayed: false,
    };
  }

  @Mutation(() => ID, { description: 'Ends a subscription; pending and parked webhooks are dropped.' })
  async deletePartnerSubscription(@Args() { id }: SubscriptionIdArgs, @CurrentPrincipal() principal: Principal): Promise<string> {
    return (await this.service.send(FeedsRequests.deleteSubscription, { id }, principal)).id;
  }

  @Query(() => [PartnerSubscriptionObject], { complexity: smallListComplexity(10), description: 'A partner’s subscriptions (yours when you are a partner user).' })
  async partnerSubscriptions(@Args() { partnerId }: PartnerArgs, @CurrentPrincipal() principal: Principal): Promise<PartnerSubscriptionObject[]> {
    const { subscriptions } = await this.service.send(FeedsRequests.listSubscriptions, { partnerId: partnerOf(partnerId, principal) }, principal);
    return subscriptions.map(toSubscription);
  }
}
