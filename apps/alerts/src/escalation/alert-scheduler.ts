/**
 * Runs the deadline work on a timer in every instance. Safe to run everywhere at once
 * (see alert-deadlines.usecase.ts); a failed pass is logged and retried on the next tick.
 */
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { AlertsConfig } from '../config/alerts.config';
import { AlertDeadlinesUseCase } from './alert-deadlines.usecase';

@Injectable()
export class AlertScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AlertScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly deadlines: AlertDeadlinesUseCase,
    @Inject(AlertsConfig) private readonly config: AlertsConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => this.schedule());
    }, this.config.ALERTS_SCHEDULER_INTERVAL_MS);
  }

  private async tick(): Promise<void> {
    try {
      // Keep going while there is a backlog (after a restart, many deadlines may be due).
      while (!this.stopped && (await this.deadlines.runOnce()) > 0) {
        // loop
      }
    } catch (error) {
      this.logger.error(`Deadline pass failed: ${(error as Error).message}`);
    }
  }
}
