/**
 * The pull feed (a partner's events in CPX's order, from any cursor) and the webhook
 * attempt log. Cursors are the service's own, passed through untouched.
 */
import { Args, Query, Resolver } from '@nestjs/graphql';
import { FeedsRequests } from '@cpx/contracts';
import type { Principal } from '@cpx/platform';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import { SEARCH } from '../../messaging/argument-paths';
import { connectionComplexity } from '../../graphql/query-limits';
import type { PageInfoObject } from '../../graphql/relay-connection';
import { ServiceClient } from '../../messaging/service.client';
import { partnerOf } from '../partner-of';
import { toDeliveryAttempt, toFeedEvent } from '../feeds.mapper';
import { DeliveryAttemptsArgs, PartnerFeedArgs } from '../inputs/feeds.input';
import { PartnerFeedEventConnection, PartnerFeedEventObject, WebhookDeliveryAttemptConnection } from '../types/feeds.types';

@Resolver(() => PartnerFeedEventObject)
export class PartnerFeedResolver {
  constructor(private readonly service: ServiceClient) {}

  @Query(() => PartnerFeedEventConnection, {
    complexity: connectionComplexity,
    description:
      'The events a partner’s subscriptions match, oldest first, after the cursor. Replay from any cursor. ' +
      'One read looks through a bounded stretch of the whole feed, so a page may hold fewer than `first` events, even none, while `hasNextPage` is true: ' +
      'read on from `endCursor`, which also moves past the events your subscriptions do not match. ' +
      'Always FULL data, whatever the subscriptions’ webhook payload modes; a THIN webhook’s `fetch` gives the `after` whose first edge is its event.',
  })
  async partnerFeed(@Args() { partnerId, first, after }: PartnerFeedArgs, @CurrentPrincipal() principal: Principal): Promise<PartnerFeedEventConnection> {
    const page = await this.service.send(
      FeedsRequests.getPartnerFeed,
      { partnerId: partnerOf(partnerId, principal), page: { first: first ?? 0, after: after ?? '' } },
      principal,
      feedPaths,
    );
    const edges = page.items.map((item) => ({ cursor: item.cursor, node: toFeedEvent(item) }));
    return { edges, pageInfo: feedPageInfo(edges, page, after) };
  }

  @Query(() => WebhookDeliveryAttemptConnection, { complexity: connectionComplexity, description: 'Webhook attempts of a subscription, newest first.' })
  async webhookDeliveryAttempts(
    @Args() { subscriptionId, first, after }: DeliveryAttemptsArgs,
    @CurrentPrincipal() principal: Principal,
  ): Promise<WebhookDeliveryAttemptConnection> {
    const page = await this.service.send(FeedsRequests.listDeliveryAttempts, { subscriptionId, page: { first: first ?? 0, after: after ?? '' } }, principal, feedPaths);
    const edges = page.items.map((item) => ({ cursor: item.cursor, node: toDeliveryAttempt(item) }));
    return { edges, pageInfo: feedPageInfo(edges, page, after) };
  }
}

/**
 * The feeds' pages as the schema describes PageInfo, like the directory's connections:
 * `startCursor` is the first edge's, and a page asked for `after` a cursor has one before it.
 */
function feedPageInfo(edges: readonly { cursor: string }[], page: { hasNextPage: boolean; endCursor: string }, after: string | null | undefined): PageInfoObject {
  return {
    hasNextPage: page.hasNextPage,
    endCursor: page.endCursor || null,
    startCursor: edges[0]?.cursor ?? null,
    hasPreviousPage: !!after,
  };
}

const feedPaths = (path: string) => SEARCH(path);
