/** The partner feeds' part of the public schema: partners, subscriptions, the pull feed, the attempt log, replays. */
import { Module } from '@nestjs/common';
import { FeedsClient } from './feeds.client';
import { PartnerFeedResolver } from './resolvers/partner-feed.resolver';
import { PartnerResolver } from './resolvers/partner.resolver';
import { WebhookReplayResolver } from './resolvers/webhook-replay.resolver';

@Module({ providers: [FeedsClient, PartnerResolver, PartnerFeedResolver, WebhookReplayResolver] })
export class FeedsModule {}
