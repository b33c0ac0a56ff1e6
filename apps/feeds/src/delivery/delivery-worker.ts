/**
 * The delivery loop of one instance: keeps up to FEEDS_DELIVERY_CONCURRENCY deliveries in
 * flight, each on its own, so a slow endpoint holds only its own deliveries' slots, at
 * most FEEDS_ENDPOINT_CONCURRENCY (the claim's bound), and the others share the rest. New
 * deliveries wake it the moment they commit (NOTIFY DELIVERIES_CHANNEL, sent by whoever
 * creates or requeues them, heard by every instance); so does a finished delivery.
 * Otherwise it looks for due deliveries every FEEDS_POLL_INTERVAL_MS: retries fall due
 * with nobody to notify, and a notification can be lost while the listening connection
 * is down. Every instance runs one; SKIP LOCKED keeps them apart.
 */
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { NotificationListener, SERVICE_DATABASE_URL } from '@cpx/platform';
import { FeedsConfig } from '../config/feeds.config';
import { ClaimWebhookDeliveriesUseCase } from './claim-webhook-deliveries.usecase';
import { DeliverWebhookUseCase } from './deliver-webhook.usecase';
import type { ClaimedDelivery } from './domain/claimed-delivery';
import { DELIVERIES_CHANNEL } from './delivery.store';

/**
 * Claims start at least this far apart. Every finished delivery and every new event wakes
 * the loop; claiming on each wake would run the claim query once per delivery (under load
 * it then caps throughput, and costs Postgres more than the deliveries themselves). Waiting
 * a few milliseconds lets one claim serve every slot freed meanwhile.
 */
const MIN_CLAIM_SPACING_MS = 10;

@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeliveryWorker.name);
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** Woken while claiming or starting: look again before sleeping. */
  private wokenMeanwhile = false;
  private readonly listener: NotificationListener;

  constructor(
    private readonly claim: ClaimWebhookDeliveriesUseCase,
    private readonly deliver: DeliverWebhookUseCase,
    @Inject(FeedsConfig) private readonly config: FeedsConfig,
    @Inject(SERVICE_DATABASE_URL) databaseUrl: string,
  ) {
    this.listener = new NotificationListener({ databaseUrl, channel: DELIVERIES_CHANNEL, onNotify: () => this.nudge() });
  }

  onApplicationBootstrap(): void {
    this.listener.start();
    this.loop = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.listener.stop();
    this.nudge();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
  }

  private async run(): Promise<void> {
    let lastClaimAt = 0;
    while (!this.stopped) {
      const sinceLastClaim = performance.now() - lastClaimAt;
      if (sinceLastClaim < MIN_CLAIM_SPACING_MS) await new Promise((resolve) => setTimeout(resolve, MIN_CLAIM_SPACING_MS - sinceLastClaim));
      lastClaimAt = performance.now();
      const free = this.config.FEEDS_DELIVERY_CONCURRENCY - this.inFlight.size;
      let claimed: ClaimedDelivery[] = [];
      if (free > 0) {
        try {
          claimed = await this.claim.execute(free);
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
      .execute(delivery)
      .then(() => undefined)
      .catch((error: unknown) => {
        // The lease runs out and the delivery is due again: nothing is lost.
        if (!this.stopped) this.logger.error(`Delivery ${delivery.id} attempt ${delivery.attempt} failed to complete: ${(error as Error).message}`);
      })
      .finally(() => {
        this.inFlight.delete(running);
        this.nudge();
      });
    this.inFlight.add(running);
  }

  private nudge(): void {
    if (this.wake) this.wake();
    else this.wokenMeanwhile = true;
  }

  private sleep(): Promise<void> {
    if (this.wokenMeanwhile) {
      this.wokenMeanwhile = false;
      return Promise.resolve();
    }
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
