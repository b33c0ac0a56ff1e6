/**
 * After a master-key rotation (ALERTS_ACTIVE_KEY_ID names the new key), moves sealed
 * identities to the active key a batch at a time: only each record's small data key is
 * re-wrapped, never the identity re-encrypted (identity-vault.ts). Run by every instance
 * on a timer (escalation/alert-scheduler.ts); each record is claimed with FOR UPDATE SKIP
 * LOCKED, so instances re-wrap different ones.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IdentityVault } from './identity-vault';
import { claimIdentitiesNotUnder, updateWrappedKey } from './identity.store';

const BATCH = 20;

@Injectable()
export class RewrapIdentityKeysUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: IdentityVault,
  ) {}

  /** One batch; returns how many records it took (0 once every record is under the active key). */
  async execute(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const stale = await claimIdentitiesNotUnder(manager, this.vault.activeKeyId, BATCH);
      for (const record of stale) {
        const rewrapped = this.vault.rewrap(record.alertId, record);
        if (rewrapped) await updateWrappedKey(manager, record.alertId, rewrapped);
      }
      return stale.length;
    });
  }
}
