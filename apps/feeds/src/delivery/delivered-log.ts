/**
 * Successful attempts, recorded in batches. Under load most attempts succeed, and one
 * transaction per attempt (attempt row, delivery state, endpoint health) cost Postgres
 * more than the webhooks themselves: a commit per webhook. Attempts that finish within a
 * few milliseconds of each other share one transaction of three statements instead.
 *
 * `record` resolves once the batch holding the attempt has committed, so the delivery
 * worker's slot stays taken until then and nothing is acknowledged early. If the instance
 * dies before the commit, the deliveries' leases run out and they are attempted again
 * with the same webhook-id: at least once, as Standard Webhooks promises, never lost.
 * A batch that fails to commit fails every attempt in it the same way (logged, retried
 * after the lease). Failed attempts never come here: their next step depends on the
 * endpoint's history and is decided in a transaction of their own.
 */
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { recordDeliveredAttempts, type DeliveredAttempt } from './delivery.store';
import { endRunsOfFailures } from './endpoint.store';

export type { DeliveredAttempt } from './delivery.store';

/** How long the first attempt of a batch waits for others. */
const GATHER_MS = 5;
/** A full batch is written at once. */
const MAX_BATCH = 200;

interface Pending {
  attempts: DeliveredAttempt[];
  done: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout;
}

@Injectable()
export class DeliveredLog implements OnModuleDestroy {
  private pending: Pending | undefined;
  private readonly flushing = new Set<Promise<void>>();

  constructor(private readonly dataSource: DataSource) {}

  record(attempt: DeliveredAttempt): Promise<void> {
    const batch = (this.pending ??= this.openBatch());
    batch.attempts.push(attempt);
    if (batch.attempts.length >= MAX_BATCH) this.flush(batch);
    return batch.done;
  }

  async onModuleDestroy(): Promise<void> {
    if (this.pending) this.flush(this.pending);
    await Promise.allSettled([...this.flushing]);
  }

  private openBatch(): Pending {
    let resolve: () => void = () => undefined;
    let reject: (error: unknown) => void = () => undefined;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const batch: Pending = { attempts: [], done, resolve, reject, timer: setTimeout(() => this.flush(batch), GATHER_MS) };
    return batch;
  }

  private flush(batch: Pending): void {
    clearTimeout(batch.timer);
    if (this.pending === batch) this.pending = undefined;
    const writing = this.write(batch.attempts).then(batch.resolve, batch.reject);
    this.flushing.add(writing);
    void writing.finally(() => this.flushing.delete(writing));
  }

  private async write(attempts: DeliveredAttempt[]): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      // A success ends the endpoint's run of failures. First: every transaction that
      // touches both locks subscriptions before their deliveries (see the claim).
      await endRunsOfFailures(tx, [...new Set(attempts.map((a) => a.subscriptionId))]);
      await recordDeliveredAttempts(tx, attempts);
    });
  }
}
