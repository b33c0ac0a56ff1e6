/**
 * At startup, every instance seals the webhook secrets still stored in clear (rows from
 * before migration 1764370000500, or written by an older instance during a deploy) and
 * re-seals those under a key that is no longer the active one (a master key rotation),
 * in small batches, each row under its lock. Instances starting together share the work
 * (SKIP LOCKED). A row that does not open with the configured keys is reported (ids and
 * key ids only) and left as it is; it fails to deliver until its key is configured again.
 *
 * The boot waits for it: once an instance is up, the database holds no secret in clear
 * but what older instances may still write, and deliveries seal those as they read them.
 */
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { openSecrets, writeSecrets } from './subscription-secrets';
import { WebhookSecretVault } from './webhook-secret-vault';
import { lockSecretsToSeal } from './webhook-secret.store';

const BATCH = 100;

export interface SealingReport {
  sealed: number;
  /** Subscriptions whose secrets did not open with the configured keys. */
  unreadable: string[];
}

@Injectable()
export class SealStoredSecretsUseCase implements OnApplicationBootstrap {
  private readonly logger = new Logger('WebhookSecrets');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(WebhookSecretVault) private readonly vault: WebhookSecretVault,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { sealed, unreadable } = await this.execute();
    if (sealed > 0) this.logger.log(`Sealed ${sealed} subscriptions' webhook secrets under key ${this.vault.activeKeyId}.`);
    if (unreadable.length > 0) {
      this.logger.error(`The webhook secrets of ${unreadable.length} subscriptions do not open with FEEDS_SECRET_KEYS (left as they are): ${unreadable.join(', ')}.`);
    }
  }

  async execute(): Promise<SealingReport> {
    const report: SealingReport = { sealed: 0, unreadable: [] };
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch = await this.dataSource.transaction(async (tx) => {
        const rows = await lockSecretsToSeal(tx, after, this.vault.activeKeyId, BATCH);
        for (const row of rows) {
          let secrets;
          try {
            secrets = openSecrets(this.vault, row.id, row);
          } catch {
            report.unreadable.push(row.id);
            continue;
          }
          await writeSecrets(tx, this.vault, row.id, secrets);
          report.sealed += 1;
        }
        return rows;
      });
      if (batch.length < BATCH) return report;
      after = batch[batch.length - 1].id;
    }
  }
}
