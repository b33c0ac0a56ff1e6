/**
 * Feed retention: events recorded longer ago than FEEDS_RETENTION_MS (30 days) are
 * deleted, with their webhook deliveries and attempt log, oldest first, in batches.
 * Cursors need nothing: a cursor is a sequence, and reading after one that was deleted
 * simply continues from the oldest event kept.
 *
 * A delivery with an attempt under way keeps its event until the next sweep.
 */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FeedsConfig } from '../config/feeds.config';
import { deleteEvents, eventsPastRetention, tryRetentionLock } from './feed.store';

const BATCH = 1_000;

@Injectable()
export class PruneFeedUseCase {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(FeedsConfig) private readonly config: FeedsConfig,
  ) {}

  /** Returns how many feed events were deleted. */
  async execute(): Promise<number> {
    let deleted = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (tx) => {
        // One instance sweeps at a time; the others find the lock taken and skip.
        if (!(await tryRetentionLock(tx))) return 0;
        const sequences = await eventsPastRetention(tx, this.config.FEEDS_RETENTION_MS, BATCH);
        if (sequences.length === 0) return 0;
        await deleteEvents(tx, sequences);
        return sequences.length;
      });
      deleted += batch;
      if (batch < BATCH) return deleted;
    }
  }
}
