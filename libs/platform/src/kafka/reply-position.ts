/**
 * Commits a reply consumer's position about once a second, rather than after every reply.
 *
 * A reply group is new with each process, so its committed offset is read only when that
 * same process rejoins its group (the broker restarted, a session timed out). It then
 * resumes where it was, and replies written meanwhile still reach their callers; with no
 * commit at all it would start again at the end of the topic and skip them. kafkajs'
 * auto-commit, by contrast, sends one commit after every reply before the next fetch: a
 * broker round trip per reply, on every caller and on the broker.
 */
export interface ReplyConsumer {
  readonly events: { readonly END_BATCH_PROCESS: string };
  on(event: string, listener: (event: { payload: { topic: string; partition: number; lastOffset: string } }) => void): () => void;
  commitOffsets(offsets: { topic: string; partition: number; offset: string }[]): Promise<void>;
}

export const REPLY_COMMIT_INTERVAL_MS = 1_000;

export class ReplyPosition {
  /** Next offset to read, per `topic:partition`, not yet committed. */
  private readonly pending = new Map<string, { topic: string; partition: number; offset: string }>();
  private readonly stopListening: () => void;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly consumer: ReplyConsumer,
    intervalMs = REPLY_COMMIT_INTERVAL_MS,
  ) {
    this.stopListening = consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      const next = (BigInt(payload.lastOffset) + 1n).toString();
      this.pending.set(`${payload.topic}:${payload.partition}`, { topic: payload.topic, partition: payload.partition, offset: next });
    });
    this.timer = setInterval(() => void this.commit(), intervalMs);
    this.timer.unref();
  }

  /** Commits what was read since the last commit; a refusal (mid-rebalance) waits for the next turn. */
  async commit(): Promise<void> {
    if (this.pending.size === 0) return;
    const offsets = [...this.pending.values()];
    this.pending.clear();
    try {
      await this.consumer.commitOffsets(offsets);
    } catch {
      // Not lost: unless a newer position arrived meanwhile, the next turn tries this one again.
      for (const offset of offsets) {
        const key = `${offset.topic}:${offset.partition}`;
        if (!this.pending.has(key)) this.pending.set(key, offset);
      }
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.stopListening();
  }
}
