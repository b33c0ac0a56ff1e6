/**
 * `partnerFeedEvents`: a partner's feed live over graphql-ws, the same events, redaction
 * and order as the pull feed `partnerFeed`, each with its cursor. It replays everything
 * after `after`, then follows; a client that reconnects with its last cursor misses
 * nothing and receives nothing twice. Partner users follow their own partner's feed,
 * platform admins any partner's (the feeds service decides, on every read); anyone else
 * is refused at subscribe time. It ends when the access token expires.
 */
import { Args, Context, Resolver, Subscription } from '@nestjs/graphql';
import { FeedsRequests } from '@cpx/contracts';
import { DomainError, hasRole, type Principal } from '@cpx/platform';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import { SEARCH } from '../../messaging/argument-paths';
import type { GatewayContext } from '../../graphql/gateway-context';
import { GRAPHQL_PATH } from '../../graphql/graphql.options';
import { ServiceClient } from '../../messaging/service.client';
import { partnerOf } from '../partner-of';
import { toFeedEvent } from '../feeds.mapper';
import { PartnerFeedEventEdge } from '../types/feeds.types';
import { FeedEventsConsumer } from './feed-events.consumer';
import { FeedWakeUps } from './feed-wake-ups';
import { PartnerFeedEventsArgs } from './partner-feed-events.args';
import { PartnerFeedStream, type PartnerFeedPage } from './partner-feed-stream';

/** The largest page the feeds service serves: also what one subscription buffers at most. */
export const LIVE_PAGE_SIZE = 100;

/** Over HTTP Apollo resolves a subscription once, with nothing behind it: say where it is served. */
export function edgeOrRefusal(edge: PartnerFeedEventEdge | undefined): PartnerFeedEventEdge {
  if (!edge) throw new DomainError('BAD_USER_INPUT', `Subscriptions are served over WebSocket at ${GRAPHQL_PATH}, with the graphql-transport-ws protocol.`);
  return edge;
}

@Resolver(() => PartnerFeedEventEdge)
export class PartnerFeedEventsResolver {
  constructor(
    private readonly service: ServiceClient,
    private readonly wakeUps: FeedWakeUps,
    private readonly consumer: FeedEventsConsumer,
  ) {}

  @Subscription(() => PartnerFeedEventEdge, {
    description:
      'Your partner feed live: every event after `after`, then new ones as they happen, in the order and with the cursors of `partnerFeed`. ' +
      'Reconnect with the last cursor you received to miss nothing. Ends when your access token expires; subscribe again with a fresh one. ' +
      'Always FULL data, as `partnerFeed`, whatever the subscriptions’ webhook payload modes.',
    resolve: edgeOrRefusal,
  })
  async partnerFeedEvents(
    @Args() { partnerId, after }: PartnerFeedEventsArgs,
    @CurrentPrincipal() principal: Principal,
    @Context() context: GatewayContext,
  ): Promise<AsyncIterableIterator<PartnerFeedEventEdge>> {
    if (!context.authentication) throw DomainError.unauthenticated();
    if (!hasRole(principal, 'partner', 'platform_admin')) throw DomainError.forbidden('Only partner users and platform admins follow partner feeds.');
    const partner = partnerOf(partnerId, principal);
    const { expiresAt } = await context.authentication;
    this.consumer.ensureStarted();
    const readPage = async (cursor: string): Promise<PartnerFeedPage> => {
      const page = await this.service.send(FeedsRequests.getPartnerFeed, { partnerId: partner, page: { first: LIVE_PAGE_SIZE, after: cursor } }, principal, SEARCH);
      return { edges: page.items.map((item) => ({ cursor: item.cursor, node: toFeedEvent(item) })), endCursor: page.endCursor, hasNextPage: page.hasNextPage };
    };
    return new PartnerFeedStream(readPage, { after: after ?? '', until: expiresAt, wakeUps: this.wakeUps }).open();
  }
}
