/**
 * The source of the `alertChanged` subscription: a Kafka consumer of the alerts events
 * topic in every gateway process. Its consumer group is its own (`cpx-gateway-live-
 * <host>-<pid>`), so each gateway sees every event and pushes it to its own sockets; a
 * new group starts from the latest offset, because a live feed has no past to replay.
 *
 * It starts at boot without holding the gateway up, and keeps itself running: when Kafka
 * is not there yet, or the consumer stops for good after an outage (kafkajs restarts it
 * by itself after retriable failures, not after the others), it is rebuilt after a pause.
 * Within one process the group's committed offsets survive a rebuild, so what was
 * published during the outage is still delivered once Kafka is back.
 *
 * A record that is not an alerts event, or does not decode, is logged (type and id, never
 * the payload) and skipped: a live feed must never stall on one bad record.
 */
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { hostname } from 'node:os';
import { Kafka, type Consumer, type KafkaMessage } from 'kafkajs';
import { AlertsEvents } from '@cpx/contracts';
import { CONSUMER_GROUP_SETTINGS, kafkaClientConfig, readCloudEvent, type KafkaSecurity } from '@cpx/platform';
import { alertDeliveryOf } from './alert-delivery';
import { AlertChanges } from './alert-changes';

export const LIVE_CONSUMER_FACTORY = Symbol('LIVE_CONSUMER_FACTORY');
export type LiveConsumerFactory = () => Consumer;

export const RESTART_DELAY_MS = 2_000;

export function liveConsumerFactory(brokers: string[], security: KafkaSecurity = {}): LiveConsumerFactory {
  return () =>
    new Kafka({
      ...kafkaClientConfig('cpx-gateway-live', brokers, security),
      // Bounded, so that a long outage hands over to the rebuild loop below, which a shutdown can stop.
      retry: { initialRetryTime: 300, maxRetryTime: 5_000, retries: 10 },
    }).consumer({
      groupId: liveGroupId(),
      ...CONSUMER_GROUP_SETTINGS,
    });
}

/** Unique per process: every gateway must see every event. */
export function liveGroupId(): string {
  return `cpx-gateway-live-${hostname()}-${process.pid}`.replace(/[^A-Za-z0-9._-]/g, '-');
}

@Injectable()
export class AlertEventsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AlertEventsConsumer');
  private consumer: Consumer | undefined;
  private running = false;
  private stopped = false;
  private restartTimer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(LIVE_CONSUMER_FACTORY) private readonly createConsumer: LiveConsumerFactory,
    private readonly changes: AlertChanges,
  ) {}

  /** Whether the consumer is running (connected, subscribed, fetching). */
  get isRunning(): boolean {
    return this.running;
  }

  onApplicationBootstrap(): void {
    void this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    const consumer = this.consumer;
    this.consumer = undefined;
    this.running = false;
    await consumer?.disconnect().catch(() => undefined);
  }

  private async start(): Promise<void> {
    if (this.stopped) return;
    const consumer = this.createConsumer();
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) return; // kafkajs restarts it itself
      this.logger.warn(`The alert events consumer stopped (${payload.error.message}); rebuilding it.`);
      void this.rebuild(consumer);
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [AlertsEvents.topic], fromBeginning: false });
      await consumer.run({ eachMessage: async ({ message }) => this.deliver(message) });
      if (this.consumer !== consumer) return;
      this.running = true;
      this.logger.log(`Listening to ${AlertsEvents.topic} for live subscriptions.`);
    } catch (error) {
      if (this.stopped) return;
      this.logger.warn(`Cannot listen to ${AlertsEvents.topic} yet (${(error as Error).message}); retrying in ${RESTART_DELAY_MS} ms.`);
      await this.rebuild(consumer);
    }
  }

  private async rebuild(consumer: Consumer): Promise<void> {
    if (this.consumer !== consumer) return; // already replaced or shut down
    this.consumer = undefined;
    this.running = false;
    await consumer.disconnect().catch(() => undefined);
    if (this.stopped) return;
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => void this.start(), RESTART_DELAY_MS);
  }

  private deliver(message: KafkaMessage): void {
    const attributes = readCloudEvent(message.headers as Record<string, unknown> | undefined);
    if (!attributes || !message.value) return;
    // Only the alerts service writes its topic (the broker's ACLs); a record that claims
    // another source is not pushed to anyone. The gateway holds no DLQ: it logs it.
    if (attributes.source !== AlertsEvents.source) {
      this.logger.warn(`Refused ${attributes.type} ${attributes.id.slice(0, 100)}: ce_source is not ${AlertsEvents.source}`);
      return;
    }
    try {
      const delivery = alertDeliveryOf(attributes.type, message.value, attributes.time);
      if (delivery) this.changes.publish(delivery);
    } catch (error) {
      this.logger.warn(`Skipped ${attributes.type} ${attributes.id}: ${(error as Error).message}`);
    }
  }
}
