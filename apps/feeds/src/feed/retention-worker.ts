/** Runs feed retention on every instance every FEEDS_RETENTION_SWEEP_MS (one sweeps at a time). */
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { FeedsConfig } from '../config/feeds.config';
import { PruneFeedUseCase } from './prune-feed.usecase';

@Injectable()
export class RetentionWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RetentionWorker.name);
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;

  constructor(
    private readonly prune: PruneFeedUseCase,
    @Inject(FeedsConfig) private readonly config: FeedsConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweeping ??= this.sweep().finally(() => (this.sweeping = undefined));
    }, this.config.FEEDS_RETENTION_SWEEP_MS);
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  private async sweep(): Promise<void> {
    try {
      const deleted = await this.prune.execute();
      if (deleted > 0) this.logger.log(`Deleted ${deleted} feed events past retention.`);
    } catch (error) {
      this.logger.error(`Feed retention failed: ${(error as Error).message}`);
    }
  }
}
