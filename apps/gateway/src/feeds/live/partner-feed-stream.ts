/**
 * One live `partnerFeedEvents` subscription: the partner's pull feed, read from a cursor
 * and followed. It replays every event after the cursor, then keeps reading the same feed
 * as it grows, so what a subscriber receives is exactly the pull feed, in its order, each
 * item with its cursor: reconnecting with the last cursor received misses nothing and
 * repeats nothing. The feeds service decides what the partner may see; this only reads.
 *
 * It reads when its reader has taken everything buffered, one page at a time, so a
 * subscription holds at most one page (the bound) and a slow client is never skipped
 * ahead: the feed is a log, it simply reads later. It reads on from the page's endCursor,
 * which the feeds service moves past the events it looked at and this partner does not
 * want, so a narrow subscription does not look through them again on every read; a page
 * without events that says there is more is followed at once. Once caught up it reads
 * again when woken (a domain event went by on Kafka; the feeds service may not have
 * recorded it yet, so a few quick re-reads follow) or every poll interval, whichever
 * comes first.
 *
 * It ends when the reader leaves, when the token that opened it expires, or when the
 * service refuses to read (access revoked): the client subscribes again and is told why.
 * A service that does not answer is retried at the poll interval.
 */
import { Logger } from '@nestjs/common';
import { isDomainError } from '@cpx/platform';
import type { PartnerFeedEventEdge } from '../types/feeds.types';

export interface PartnerFeedPage {
  edges: PartnerFeedEventEdge[];
  /** Where the next read starts: after the last edge, or past events the partner does not want. */
  endCursor: string;
  hasNextPage: boolean;
}

/** Reads the page after `after` (empty: from the start) as the subscriber's principal. */
export type ReadFeedPage = (after: string) => Promise<PartnerFeedPage>;

/** Something that says "a domain event went by": returns how to stop listening. */
export interface WakeUpSource {
  listen(listener: () => void): () => void;
}

export interface FollowOptions {
  /** The cursor to start after; empty: the whole retained feed. */
  after: string;
  /** Epoch milliseconds after which the subscription ends (the token's expiry). */
  until?: number;
  pollIntervalMs?: number;
  wakeUps?: WakeUpSource;
}

export const POLL_INTERVAL_MS = 1_000;
/** After a wake-up, how soon and how often to re-read while the feeds service catches up. */
export const WAKE_RETRY_MS = 150;
export const WAKE_RETRIES = 4;
/** setTimeout's ceiling; a token living longer is re-checked when this fires. */
const MAX_TIMER_MS = 2_147_483_647;
/** Refusals that reading again will not change. */
const FINAL_CODES = new Set(['FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'UNAUTHENTICATED']);

export class PartnerFeedStream implements AsyncIterableIterator<PartnerFeedEventEdge> {
  private readonly logger = new Logger('PartnerFeedStream');
  private readonly buffer: PartnerFeedEventEdge[] = [];
  private cursor: string;
  private done = false;
  private eagerReads = 0;
  private wake: (() => void) | undefined;
  private sleepTimer: NodeJS.Timeout | undefined;
  private expiry: NodeJS.Timeout | undefined;
  private stopListening: (() => void) | undefined;
  /** Serialises next(): graphql-ws awaits each one, a hand-rolled reader might not. */
  private reading: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly readPage: ReadFeedPage,
    private readonly options: FollowOptions,
  ) {
    this.cursor = options.after;
  }

  /**
   * Reads the first page, so that a refusal (another partner's feed, a cursor this API did
   * not issue) fails the subscribe itself; then starts listening and the expiry clock.
   */
  async open(): Promise<this> {
    this.take(await this.readPage(this.cursor));
    this.stopListening = this.options.wakeUps?.listen(() => this.wakeUp());
    this.scheduleExpiry();
    return this;
  }

  /** Where the next read starts: after the last item buffered, or past events the partner does not want. */
  get position(): string {
    return this.cursor;
  }

  next(): Promise<IteratorResult<PartnerFeedEventEdge>> {
    const result = this.reading.then(() => this.nextEdge());
    this.reading = result.catch(() => undefined);
    return result;
  }

  /** Called when the client unsubscribes or the socket closes. */
  return(): Promise<IteratorResult<PartnerFeedEventEdge>> {
    this.end();
    this.buffer.length = 0;
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<PartnerFeedEventEdge>> {
    this.end();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<PartnerFeedEventEdge> {
    return this;
  }

  private async nextEdge(): Promise<IteratorResult<PartnerFeedEventEdge>> {
    while (!this.done) {
      const edge = this.buffer.shift();
      if (edge) return { value: edge, done: false };
      await this.readMore();
    }
    return { value: undefined, done: true };
  }

  /** One read; when it brings nothing, a sleep until woken, the next eager re-read or the interval. */
  private async readMore(): Promise<void> {
    let delay = this.options.pollIntervalMs ?? POLL_INTERVAL_MS;
    try {
      const page = await this.readPage(this.cursor);
      if (this.done) return;
      if (this.take(page)) return;
      if (this.eagerReads > 0) {
        this.eagerReads -= 1;
        delay = WAKE_RETRY_MS;
      }
    } catch (error) {
      if (isDomainError(error) && FINAL_CODES.has(error.code)) {
        this.logger.warn(`A live partner feed ended: the feeds service answered ${error.code}.`);
        this.end();
        return;
      }
      this.logger.warn(`A live partner feed could not read (${(error as Error).message}); retrying in ${delay} ms.`);
    }
    await this.sleep(delay);
  }

  /**
   * Buffers a page's items and moves the cursor to its end; whether to read on at once
   * (there were items, or the service looked at only part of what follows). A service
   * that gives no endCursor is followed from the last item.
   */
  private take(page: PartnerFeedPage): boolean {
    const before = this.cursor;
    this.buffer.push(...page.edges);
    this.cursor = page.endCursor || page.edges.at(-1)?.cursor || this.cursor;
    return page.edges.length > 0 || (page.hasNextPage && this.cursor !== before);
  }

  private sleep(ms: number): Promise<void> {
    if (this.done) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.wake = resolve;
      this.sleepTimer = setTimeout(resolve, ms);
      this.sleepTimer.unref();
    }).then(() => {
      clearTimeout(this.sleepTimer);
      this.wake = undefined;
    });
  }

  private wakeUp(): void {
    this.eagerReads = WAKE_RETRIES;
    this.wake?.();
  }

  private end(): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.expiry);
    this.stopListening?.();
    this.wake?.();
  }

  private scheduleExpiry(): void {
    if (this.options.until === undefined || this.done) return;
    const remaining = this.options.until - Date.now();
    if (remaining <= 0) {
      this.end();
      return;
    }
    this.expiry = setTimeout(() => this.scheduleExpiry(), Math.min(remaining, MAX_TIMER_MS));
    this.expiry.unref();
  }
}
