/** The partner feeds' part of the public schema: partners, subscriptions, the pull feed, the attempt log, replays, the live feed. */
import { Module } from '@nestjs/common';
import { SealedPayloads } from '@cpx/platform';
import { GatewayConfig } from '../config/gateway.config';
import { FeedsClient } from './feeds.client';
import { FEEDS_LIVE_PROVIDERS } from './live/feeds-live.providers';
import { PartnerFeedResolver } from './resolvers/partner-feed.resolver';
import { PartnerResolver } from './resolvers/partner.resolver';
import { WebhookReplayResolver } from './resolvers/webhook-replay.resolver';

@Module({
  providers: [
    FeedsClient,
    PartnerResolver,
    PartnerFeedResolver,
    WebhookReplayResolver,
    ...FEEDS_LIVE_PROVIDERS,
    {
      provide: SealedPayloads,
      inject: [GatewayConfig],
      useFactory: (config: GatewayConfig) => {
        if (!config.CPX_PAYLOAD_KEY) throw new Error('CPX_PAYLOAD_KEY is required: new webhook secrets come back from the feeds service sealed with it.');
        return new SealedPayloads(config.CPX_PAYLOAD_KEY);
      },
    },
  ],
})
export class FeedsModule {}
