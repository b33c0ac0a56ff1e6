/** The partner feeds' part of the public schema: partners, subscriptions, the pull feed, the attempt log. */
import { Module } from '@nestjs/common';
import { FeedsClient } from './feeds.client';
import { PartnerFeedResolver } from './resolvers/partner-feed.resolver';
import { PartnerResolver } from './resolvers/partner.resolver';

@Module({ providers: [FeedsClient, PartnerResolver, PartnerFeedResolver] })
export class FeedsModule {}
