/** Kafka adapter for a partner's pull feed. */
import { Controller } from '@nestjs/common';
import type { MessageShape } from '@bufbuild/protobuf';
import { FeedsRequests } from '@cpx/contracts';
import { HandleRequest, type RequestContext } from '@cpx/platform';
import { feedEventMessage } from './feed.mapper';
import { ReadPartnerFeedCommand } from './read-partner-feed.command';
import { ReadPartnerFeedUseCase } from './read-partner-feed.usecase';

type Req<K extends keyof typeof FeedsRequests> = MessageShape<(typeof FeedsRequests)[K]['request']>;

@Controller()
export class FeedHandler {
  constructor(private readonly readFeed: ReadPartnerFeedUseCase) {}

  @HandleRequest(FeedsRequests.getPartnerFeed)
  async feed(request: Req<'getPartnerFeed'>, { principal }: RequestContext) {
    const command = ReadPartnerFeedCommand.from({ partnerId: request.partnerId, first: request.page?.first || undefined, after: request.page?.after || undefined });
    const page = await this.readFeed.execute(command, principal);
    return { items: page.items.map(feedEventMessage), endCursor: page.endCursor, hasNextPage: page.hasNextPage };
  }
}
