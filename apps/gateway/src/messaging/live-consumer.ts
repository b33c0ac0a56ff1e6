/**
 * The lifecycle every live consumer of the gateway shares (the alerts events behind
 * `alertChanged`, the wake-ups of live partner feeds): a Kafka consumer, with the
 * gateway's Kafka security settings, in a consumer group of its own per process (every
 * gateway must see every record), from the latest offset (a live feed has no past to
 * replay).
 *
 * It starts without holding the gateway up, and keeps itself running: when Kafka is not
 * there yet, or the consumer stops for good after an outage (kafkajs restarts it by itself
 * after retriable failures, not after the others), it is rebuilt after a pause. Within one
 * process the group's committed offsets survive a rebuild, so what was published during
 * the outage is still delivered once Kafka is back. A stop is for good.
 */
import { Logger } from '@nestjs/common';
import { hostname } from 'node:os';
import { Kafka, type Consumer, type KafkaMessage } from 'kafkajs';
import { CONSUMER_GROUP_SETTINGS, kafkaClientConfig, type KafkaSecurity } from '@cpx/platform';

export type LiveConsumerFactory = () => Consumer;

export const RESTART_DELAY_MS = 2_000;

/** A kafkajs consumer whose client id is `name` and whose group is `name`, this host and this process. */
export function liveConsumerFactory(name: string, brokers: string[], security: KafkaSecurity = {}): LiveConsumerFactory {
  return () =>
    new Kafka({
      ...kafkaClientConfig(name, brokers, security),
      // Bounded, so that a long outage hands over to the rebuild loop, which a stop can end.
      retry: { initialRetryTime: 300, maxRetryTime: 5_000, retries: 10 },
    }).consumer({
      groupId: liveGroupId(name),
      ...CONSUMER_GROUP_SETTINGS,
    });
}

/** Unique per process (`<name>-<host>-<pid>`): every gateway must see every record. */
export function liveGroupId(name: string): string {
  return `${name}-${hostname()}-${process.pid}`.replace(/[^A-Za-z0-9._-]/g, '-');
}

export interface LiveSubscription {
  /** The consumer's name in the logs, e.g. `AlertEventsConsumer`. */
  readonly name: string;
  readonly topics: readonly string[];
  /** What the consumer is for, in the log line once it listens: `live subscriptions`. */
  readonly purpose: string;
  /** What carries on while it cannot listen, in the warning: `live feeds poll meanwhile`. */
  readonly meanwhile?: string;
  /** Each record; it must not throw for one bad record (a live feed never stalls on one). */
  readonly eachMessage: (message: KafkaMessage) => void | Promise<void>;
}

export class LiveConsumer {
  private readonly logger: Logger;
  private consumer: Consumer | undefined;
  private running = false;
  private started = false;
  private stopped = false;
  private restartTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly createConsumer: LiveConsumerFactory,
    private readonly subscription: LiveSubscription,
  ) {
    this.logger = new Logger(subscription.name);
  }

  /** Whether the consumer is running (connected, subscribed, fetching). */
  get isRunning(): boolean {
    return this.running;
  }

  /** Starts the consumer in the background, once; later calls do nothing. */
  start(): void {
    if (this.started) return;
    this.started = true;
    void this.run();
  }

  /** Stops it for good: no rebuild after this. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    const consumer = this.consumer;
    this.consumer = undefined;
    this.running = false;
    await consumer?.disconnect().catch(() => undefined);
  }

  private async run(): Promise<void> {
    if (this.stopped) return;
    const consumer = this.createConsumer();
    this.consumer = consumer;
    const topics = this.subscription.topics.join(', ');
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) return; // kafkajs restarts it itself
      this.logger.warn(`The consumer of ${topics} stopped (${payload.error.message}); rebuilding it.`);
      void this.rebuild(consumer);
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [...this.subscription.topics], fromBeginning: false });
      await consumer.run({ eachMessage: async ({ message }) => this.subscription.eachMessage(message) });
      if (this.consumer !== consumer) return;
      this.running = true;
      this.logger.log(`Listening to ${topics} for ${this.subscription.purpose}.`);
    } catch (error) {
      if (this.stopped) return;
      const meanwhile = this.subscription.meanwhile ? `; ${this.subscription.meanwhile}` : '';
      this.logger.warn(`Cannot listen to ${topics} yet (${(error as Error).message}); retrying in ${RESTART_DELAY_MS} ms${meanwhile}.`);
      await this.rebuild(consumer);
    }
  }

  private async rebuild(consumer: Consumer): Promise<void> {
    if (this.consumer !== consumer) return; // already replaced or stopped
    this.consumer = undefined;
    this.running = false;
    await consumer.disconnect().catch(() => undefined);
    if (this.stopped) return;
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => void this.run(), RESTART_DELAY_MS);
  }
}
