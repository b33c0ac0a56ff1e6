/** Kafka adapter for a partner's pull feed. */
import { Controller } from '@nestjs/common';
import type { MessageShape } from '@bufbuild/protobuf';
import { FeedsRequests } from '@cpx/contracts';
import { HandleRequest, type RequestContext } from '@cpx/platform';
import { feedEventMessage } from './feed.mapper';
import { ReadPartnerFeedUseCase } from './read-partner-feed.usecase';

type Req<K extends keyof typeof FeedsRequests> = MessageShape<(typeof FeedsRequests)[K]['request']>;

@Controller()
export class FeedHandler {
  constructor(private readonly readFeed: ReadPartnerFeedUseCase) {}

  @HandleRequest(FeedsRequests.getPartnerFeed)
  async feed(request: Req<'getPartnerFeed'>, { principal }: RequestContext) {
    const page = await this.readFeed.execute(
      { partnerId: request.partnerId, first: request.page?.first || undefined, after: request.page?.after || undefined },
      principal,
    );
    return { items: page.items.map(feedEventMessage), endCursor: page.endCursor, hasNextPage: page.hasNextPage };
  }
}
