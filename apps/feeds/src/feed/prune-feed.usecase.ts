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

/** One instance sweeps at a time; the others find the lock taken and skip. */
const RETENTION_LOCK = 7_201_301;
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
        const [{ locked }]: { locked: boolean }[] = await tx.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [RETENTION_LOCK]);
        if (!locked) return 0;
        const old: { sequence: string }[] = await tx.query(
          `SELECT e.sequence FROM feed_event e
           WHERE e.recorded_at < now() - make_interval(secs => $1::float8 / 1000)
             AND NOT EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.sequence = e.sequence AND d.claim_token IS NOT NULL AND d.next_attempt_at > now())
           ORDER BY e.sequence LIMIT $2`,
          [String(this.config.FEEDS_RETENTION_MS), BATCH],
        );
        if (old.length === 0) return 0;
        const sequences = old.map((row) => row.sequence);
        await tx.query(
          `DELETE FROM delivery_attempt WHERE delivery_id IN (SELECT id FROM webhook_delivery WHERE sequence = ANY($1::bigint[]))`,
          [sequences],
        );
        await tx.query(`DELETE FROM webhook_delivery WHERE sequence = ANY($1::bigint[])`, [sequences]);
        await tx.query(`DELETE FROM feed_event WHERE sequence = ANY($1::bigint[])`, [sequences]);
        return sequences.length;
      });
      deleted += batch;
      if (batch < BATCH) return deleted;
    }
  }
}
