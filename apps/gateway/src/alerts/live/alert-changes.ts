/**
 * The in-memory fan-out of live alert changes inside one gateway process: the Kafka
 * consumer publishes each delivery once, and every open `alertChanged` subscription
 * whose principal is in the delivery's audience receives the change. Nothing is kept
 * once delivered; another gateway runs its own consumer and fan-out.
 *
 * Each subscription buffers at most MAX_BUFFERED changes for a client that reads slowly;
 * past that the oldest are dropped (and logged) rather than letting one socket hold
 * memory without bound. A subscription ends when its access token expires: the socket
 * was authenticated once, and a change is not pushed on an expired token's authority.
 */
import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '@cpx/platform';
import type { AlertChangeObject } from '../types/alert-change.type';
import { isInAudience } from './alert-audience';
import type { AlertDelivery } from './alert-delivery';

export const MAX_BUFFERED = 256;
/** setTimeout's ceiling; a token living longer is re-checked when this fires. */
const MAX_TIMER_MS = 2_147_483_647;

export interface ListenOptions {
  /** Epoch milliseconds after which the subscription ends (the token's expiry). */
  until?: number;
  /**
   * Asked every `everyMs` while the subscription runs; it ends when the answer is no.
   * The token was checked once, at the socket's start; a suspension comes later.
   */
  recheck?: { everyMs: number; stillAllowed: () => Promise<boolean> };
}

@Injectable()
export class AlertChanges {
  private readonly logger = new Logger('AlertChanges');
  private readonly streams = new Set<ChangeStream>();

  /** How many subscriptions are open in this process. */
  get listenerCount(): number {
    return this.streams.size;
  }

  publish(delivery: AlertDelivery): void {
    for (const stream of this.streams) {
      if (isInAudience(stream.principal, delivery.audience)) stream.push(delivery.change);
    }
  }

  listen(principal: Principal, options: ListenOptions = {}): AsyncIterableIterator<AlertChangeObject> {
    const stream = new ChangeStream(principal, options, this.logger, () => this.streams.delete(stream));
    this.streams.add(stream);
    stream.start();
    return stream;
  }
}

class ChangeStream implements AsyncIterableIterator<AlertChangeObject> {
  private readonly buffer: AlertChangeObject[] = [];
  private waiting: ((result: IteratorResult<AlertChangeObject>) => void) | undefined;
  private done = false;
  private dropped = 0;
  private expiry: NodeJS.Timeout | undefined;
  private recheckTimer: NodeJS.Timeout | undefined;
  private readonly until: number | undefined;

  constructor(
    readonly principal: Principal,
    private readonly options: ListenOptions,
    private readonly logger: Logger,
    private readonly onEnd: () => void,
  ) {
    this.until = options.until;
  }

  start(): void {
    this.scheduleExpiry();
    this.scheduleRecheck();
  }

  push(change: AlertChangeObject): void {
    if (this.done) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: change, done: false });
      return;
    }
    this.buffer.push(change);
    if (this.buffer.length > MAX_BUFFERED) {
      this.buffer.shift();
      if (this.dropped++ % MAX_BUFFERED === 0) this.logger.warn(`A subscriber of ${this.principal.subject} reads too slowly; dropped ${this.dropped} change(s).`);
    }
  }

  next(): Promise<IteratorResult<AlertChangeObject>> {
    const change = this.buffer.shift();
    if (change) return Promise.resolve({ value: change, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /** Called when the client unsubscribes or the socket closes. */
  return(): Promise<IteratorResult<AlertChangeObject>> {
    this.end();
    this.buffer.length = 0;
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<AlertChangeObject>> {
    this.end();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<AlertChangeObject> {
    return this;
  }

  private end(): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.expiry);
    clearTimeout(this.recheckTimer);
    this.onEnd();
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve?.({ value: undefined, done: true });
  }

  private scheduleRecheck(): void {
    const recheck = this.options.recheck;
    if (!recheck || this.done) return;
    this.recheckTimer = setTimeout(() => {
      void recheck.stillAllowed().then(
        (allowed) => {
          if (allowed) return this.scheduleRecheck();
          this.logger.log(`Ended a live subscription of ${this.principal.subject}: no longer allowed to follow alerts.`);
          this.end();
        },
        // stillAllowed answers refusals itself; anything else is a fault of ours, not a refusal.
        () => this.scheduleRecheck(),
      );
    }, recheck.everyMs);
    this.recheckTimer.unref();
  }

  private scheduleExpiry(): void {
    if (this.until === undefined) return;
    const remaining = this.until - Date.now();
    if (remaining <= 0) {
      this.end();
      return;
    }
    this.expiry = setTimeout(() => this.scheduleExpiry(), Math.min(remaining, MAX_TIMER_MS));
    this.expiry.unref();
  }
}
