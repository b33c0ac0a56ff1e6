/**
 * The wake-up of live partner feeds: a live consumer (messaging/live-consumer.ts: its own
 * group per process, from the latest offset, rebuilt after an outage), in every gateway
 * process, of the topics the feeds service records (directory and alerts events). It reads
 * no payload; a record only means "read your feed again now". Without it live feeds still
 * follow at their poll interval, so it is an accelerator, never the source of truth.
 *
 * It starts with the first live partner feed rather than at boot: a gateway nobody follows
 * a feed on needs no second consumer.
 */
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_ROLES } from '@cpx/contracts';
import { LiveConsumer, type LiveConsumerFactory } from '../../messaging/live-consumer';
import { FeedWakeUps } from './feed-wake-ups';

export const FEED_CONSUMER_FACTORY = Symbol('FEED_CONSUMER_FACTORY');
/** Not the alerts live consumer's group: its members subscribe to other topics. */
export const FEEDS_LIVE_CONSUMER = 'cpx-gateway-feeds-live';

/** What the feeds service consumes (apps/feeds DomainEventsHandler; the gateway's principal may read them). */
export const FEED_SOURCE_TOPICS = SERVICE_ROLES.feeds.consumes.map(({ topic }) => topic);

@Injectable()
export class FeedEventsConsumer implements OnApplicationShutdown {
  private readonly live: LiveConsumer;

  constructor(@Inject(FEED_CONSUMER_FACTORY) createConsumer: LiveConsumerFactory, wakeUps: FeedWakeUps) {
    this.live = new LiveConsumer(createConsumer, {
      name: 'FeedEventsConsumer',
      topics: FEED_SOURCE_TOPICS,
      purpose: 'live partner feeds',
      meanwhile: 'live feeds poll meanwhile',
      eachMessage: () => wakeUps.notify(),
    });
  }

  /** Starts the consumer once; later calls do nothing. */
  ensureStarted(): void {
    this.live.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.live.stop();
  }
}
