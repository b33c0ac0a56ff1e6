/** The live partner feed's providers, registered in FeedsModule beside the pull feed it follows. */
import type { Provider } from '@nestjs/common';
import { GatewayConfig } from '../../config/gateway.config';
import { FEED_CONSUMER_FACTORY, FeedEventsConsumer, feedConsumerFactory } from './feed-events.consumer';
import { FeedWakeUps } from './feed-wake-ups';
import { PartnerFeedEventsResolver } from './partner-feed-events.resolver';

export const FEEDS_LIVE_PROVIDERS: Provider[] = [
  PartnerFeedEventsResolver,
  FeedWakeUps,
  { provide: FEED_CONSUMER_FACTORY, inject: [GatewayConfig], useFactory: (config: GatewayConfig) => feedConsumerFactory(config.kafkaBrokers, config.kafkaSecurity) },
  FeedEventsConsumer,
];
