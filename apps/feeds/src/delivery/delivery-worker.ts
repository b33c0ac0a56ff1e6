/**
 * The delivery loop of one instance: keeps up to FEEDS_DELIVERY_CONCURRENCY deliveries in
 * flight, each on its own, so one slow endpoint occupies one slot and nobody else waits
 * for it. Idle, it looks for due deliveries every FEEDS_POLL_INTERVAL_MS; a finished
 * delivery wakes it at once. Every instance runs one; SKIP LOCKED keeps them apart.
 */
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { FeedsConfig } from '../config/feeds.config';
import { DeliverWebhookUseCase, type ClaimedDelivery } from './deliver-webhook.usecase';

@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeliveryWorker.name);
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly deliver: DeliverWebhookUseCase,
    @Inject(FeedsConfig) private readonly config: FeedsConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const free = this.config.FEEDS_DELIVERY_CONCURRENCY - this.inFlight.size;
      let claimed: ClaimedDelivery[] = [];
      if (free > 0) {
        try {
          claimed = await this.deliver.claim(free);
        } catch (error) {
          if (!this.stopped) this.logger.error(`Claiming deliveries failed: ${(error as Error).message}`);
        }
        for (const delivery of claimed) this.start(delivery);
      }
      // A full batch means more may be due: look again at once if a slot is free.
      if (claimed.length > 0 && claimed.length === free) continue;
      await this.sleep();
    }
  }

  private start(delivery: ClaimedDelivery): void {
    const running: Promise<void> = this.deliver
      .attempt(delivery)
      .then(() => undefined)
      .catch((error: unknown) => {
        // The lease runs out and the delivery is due again: nothing is lost.
        if (!this.stopped) this.logger.error(`Delivery ${delivery.id} attempt ${delivery.attempt} failed to complete: ${(error as Error).message}`);
      })
      .finally(() => {
        this.inFlight.delete(running);
        this.wake?.();
      });
    this.inFlight.add(running);
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.config.FEEDS_POLL_INTERVAL_MS);
      this.wake = done;
    });
  }
}
