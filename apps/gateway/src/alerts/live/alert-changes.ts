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
    const stream = new ChangeStream(principal, options.until, this.logger, () => this.streams.delete(stream));
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

  constructor(
    readonly principal: Principal,
    private readonly until: number | undefined,
    private readonly logger: Logger,
    private readonly onEnd: () => void,
  ) {}

  start(): void {
    this.scheduleExpiry();
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
    this.onEnd();
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve?.({ value: undefined, done: true });
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
