/**
 * The source of the `alertChanged` subscription: a live consumer (messaging/live-consumer.ts:
 * its own group per process, from the latest offset, rebuilt after an outage) of the
 * alerts events topic in every gateway process, started at boot; each gateway pushes
 * every event to its own sockets.
 *
 * A record that is not an alerts event, or does not decode, is logged (type and id, never
 * the payload) and skipped: a live feed must never stall on one bad record.
 */
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import { AlertsEvents } from '@cpx/contracts';
import { readCloudEvent } from '@cpx/platform';
import { LiveConsumer, type LiveConsumerFactory } from '../../messaging/live-consumer';
import { alertDeliveryOf } from './alert-delivery';
import { AlertChanges } from './alert-changes';

export const LIVE_CONSUMER_FACTORY = Symbol('LIVE_CONSUMER_FACTORY');
/** The client id and group prefix of the alerts live consumer (the gateway's ACLs grant `cpx-gateway*` groups). */
export const ALERTS_LIVE_CONSUMER = 'cpx-gateway-live';

@Injectable()
export class AlertEventsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AlertEventsConsumer');
  private readonly live: LiveConsumer;

  constructor(
    @Inject(LIVE_CONSUMER_FACTORY) createConsumer: LiveConsumerFactory,
    private readonly changes: AlertChanges,
  ) {
    this.live = new LiveConsumer(createConsumer, {
      name: 'AlertEventsConsumer',
      topics: [AlertsEvents.topic],
      purpose: 'live subscriptions',
      eachMessage: (message) => this.deliver(message),
    });
  }

  /** Whether the consumer is running (connected, subscribed, fetching). */
  get isRunning(): boolean {
    return this.live.isRunning;
  }

  onApplicationBootstrap(): void {
    this.live.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.live.stop();
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
