/** The live partner feed's providers, registered in FeedsModule beside the pull feed it follows. */
import type { Provider } from '@nestjs/common';
import { GatewayConfig } from '../../config/gateway.config';
import { liveConsumerFactory } from '../../messaging/live-consumer';
import { FEED_CONSUMER_FACTORY, FeedEventsConsumer, FEEDS_LIVE_CONSUMER } from './feed-events.consumer';
import { FeedWakeUps } from './feed-wake-ups';
import { PartnerFeedEventsResolver } from './partner-feed-events.resolver';

export const FEEDS_LIVE_PROVIDERS: Provider[] = [
  PartnerFeedEventsResolver,
  FeedWakeUps,
  { provide: FEED_CONSUMER_FACTORY, inject: [GatewayConfig], useFactory: (config: GatewayConfig) => liveConsumerFactory(FEEDS_LIVE_CONSUMER, config.kafkaBrokers, config.kafkaSecurity) },
  FeedEventsConsumer,
];
