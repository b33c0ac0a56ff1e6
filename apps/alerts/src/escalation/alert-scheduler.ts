/**
 * Everything that happens to alerts because time passed, run on a timer in every
 * instance: escalation of missed deadlines, closing of ended alerts, erasure of
 * identities after retention, and re-wrapping of identities after a master-key rotation
 * (one use case each). Safe to run everywhere at once (each claims its rows with FOR
 * UPDATE SKIP LOCKED); a failed pass is logged and retried on the next tick.
 */
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { AlertsConfig } from '../config/alerts.config';
import { RewrapIdentityKeysUseCase } from '../identity/rewrap-identity-keys.usecase';
import { CloseEndedAlertsUseCase } from './close-ended-alerts.usecase';
import { EraseExpiredIdentitiesUseCase } from './erase-expired-identities.usecase';
import { EscalateOverdueTargetsUseCase } from './escalate-overdue-targets.usecase';

@Injectable()
export class AlertScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AlertScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly escalateOverdue: EscalateOverdueTargetsUseCase,
    private readonly closeEnded: CloseEndedAlertsUseCase,
    private readonly eraseExpired: EraseExpiredIdentitiesUseCase,
    private readonly rewrapKeys: RewrapIdentityKeysUseCase,
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

  /** One pass over everything due; returns how many steps it took. */
  async runOnce(now = new Date()): Promise<number> {
    let steps = 0;
    steps += await this.escalateOverdue.execute(now);
    steps += await this.closeEnded.execute(now);
    steps += await this.eraseExpired.execute(now);
    steps += await this.rewrapKeys.execute();
    return steps;
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
      while (!this.stopped && (await this.runOnce()) > 0) {
        // loop
      }
    } catch (error) {
      this.logger.error(`Deadline pass failed: ${(error as Error).message}`);
    }
  }
}
