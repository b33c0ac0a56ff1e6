/**
 * The wake-up of live partner feeds: a Kafka consumer, in every gateway process, of the
 * topics the feeds service records (directory and alerts events). It reads no payload; a
 * record only means "read your feed again now". Without it live feeds still follow at
 * their poll interval, so it is an accelerator, never the source of truth.
 *
 * It starts with the first live partner feed rather than at boot (a gateway nobody
 * follows a feed on needs no second consumer), in a group of its own per process, from
 * the latest offset. When Kafka is not there, or the consumer stops for good, it is
 * rebuilt after a pause, as the alerts consumer is.
 */
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { hostname } from 'node:os';
import { Kafka, type Consumer } from 'kafkajs';
import { SERVICE_ROLES } from '@cpx/contracts';
import { CONSUMER_GROUP_SETTINGS, kafkaClientConfig, type KafkaSecurity } from '@cpx/platform';
import { FeedWakeUps } from './feed-wake-ups';

export const FEED_CONSUMER_FACTORY = Symbol('FEED_CONSUMER_FACTORY');
export type FeedConsumerFactory = () => Consumer;

/** What the feeds service consumes (apps/feeds DomainEventsHandler; the gateway's principal may read them). */
export const FEED_SOURCE_TOPICS = SERVICE_ROLES.feeds.consumes.map(({ topic }) => topic);
export const RESTART_DELAY_MS = 2_000;

export function feedConsumerFactory(brokers: string[], security: KafkaSecurity = {}): FeedConsumerFactory {
  return () =>
    new Kafka({
      ...kafkaClientConfig('cpx-gateway-feeds-live', brokers, security),
      retry: { initialRetryTime: 300, maxRetryTime: 5_000, retries: 10 },
    }).consumer({
      groupId: feedLiveGroupId(),
      ...CONSUMER_GROUP_SETTINGS,
    });
}

/** Unique per process, and not the alerts consumer's group: its members subscribe to other topics. */
export function feedLiveGroupId(): string {
  return `cpx-gateway-feeds-live-${hostname()}-${process.pid}`.replace(/[^A-Za-z0-9._-]/g, '-');
}

@Injectable()
export class FeedEventsConsumer implements OnApplicationShutdown {
  private readonly logger = new Logger('FeedEventsConsumer');
  private consumer: Consumer | undefined;
  private started = false;
  private stopped = false;
  private restartTimer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(FEED_CONSUMER_FACTORY) private readonly createConsumer: FeedConsumerFactory,
    private readonly wakeUps: FeedWakeUps,
  ) {}

  /** Starts the consumer once; later calls do nothing. */
  ensureStarted(): void {
    if (this.started) return;
    this.started = true;
    void this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect().catch(() => undefined);
  }

  private async start(): Promise<void> {
    if (this.stopped) return;
    const consumer = this.createConsumer();
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) return;
      void this.rebuild(consumer);
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: FEED_SOURCE_TOPICS, fromBeginning: false });
      await consumer.run({ eachMessage: async () => this.wakeUps.notify() });
    } catch (error) {
      if (this.stopped) return;
      this.logger.warn(`Cannot listen for feed events yet (${(error as Error).message}); live feeds poll meanwhile.`);
      await this.rebuild(consumer);
    }
  }

  private async rebuild(consumer: Consumer): Promise<void> {
    if (this.consumer !== consumer) return;
    this.consumer = undefined;
    await consumer.disconnect().catch(() => undefined);
    if (this.stopped) return;
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => void this.start(), RESTART_DELAY_MS);
  }
}
