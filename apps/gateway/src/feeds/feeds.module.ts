/** The partner feeds' part of the public schema: partners, subscriptions, the pull feed, the attempt log, replays, the live feed. */
import { Module } from '@nestjs/common';
import { parseKeyList, PayloadOpener } from '@cpx/platform';
import { GatewayConfig } from '../config/gateway.config';
import { FEEDS_LIVE_PROVIDERS } from './live/feeds-live.providers';
import { PartnerFeedResolver } from './resolvers/partner-feed.resolver';
import { PartnerResolver } from './resolvers/partner.resolver';
import { WebhookReplayResolver } from './resolvers/webhook-replay.resolver';

@Module({
  providers: [
    PartnerResolver,
    PartnerFeedResolver,
    WebhookReplayResolver,
    ...FEEDS_LIVE_PROVIDERS,
    {
      // A new webhook secret comes back from the feeds service sealed to the gateway.
      provide: PayloadOpener,
      inject: [GatewayConfig],
      useFactory: (config: GatewayConfig) => PayloadOpener.create(parseKeyList(config.GATEWAY_OPENING_KEYS, 'GATEWAY_OPENING_KEYS'), 'GATEWAY_OPENING_KEYS'),
    },
  ],
})
export class FeedsModule {}
