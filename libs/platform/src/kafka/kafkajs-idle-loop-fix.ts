/**
 * Stops kafkajs 2.2.4 from spinning on every idle connection.
 *
 * Each kafkajs connection has a request queue whose `scheduleCheckPendingRequests`
 * re-arms a timer every time it runs, even when no request is waiting, and with the
 * default `throttledUntil` of -1 that timer's delay is about minus the epoch (Node 24
 * prints it as a `TimeoutNegativeWarning` and waits 1 ms). So every connection of every
 * CPX process woke its event loop about a thousand times a second for nothing: an idle
 * service burnt ~5% of a core, and on a small machine those wake-ups queue in front of
 * real work (upstream: tulios/kafkajs#1556, #1704, #1751; unmaintained, no release).
 *
 * The replacement schedules a check only when a request is waiting, which is the only
 * time the check can do anything: a request is queued (rather than sent) only while the
 * connection is throttled by the broker or has too many requests in flight, and the
 * queue is checked again when a throttle ends (this timer) and whenever a response
 * arrives (`fulfillRequest`, unchanged).
 *
 * Applied once, on import, by everything in CPX that talks to Kafka (kafka-options.ts).
 */
import { createRequire } from 'node:module';

/** kafkajs' own interval for a queue that waits on in-flight requests (src/network/requestQueue). */
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

interface RequestQueueInternals {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

function scheduleCheckPendingRequests(this: RequestQueueInternals): void {
  if (this.throttleCheckTimeoutId || this.pending.length === 0) return;
  const untilThrottleEnds = this.throttledUntil - Date.now();
  this.throttleCheckTimeoutId = setTimeout(
    () => {
      this.throttleCheckTimeoutId = null;
      this.checkPendingRequests();
    },
    untilThrottleEnds > 0 ? untilThrottleEnds : CHECK_PENDING_REQUESTS_INTERVAL_MS,
  );
}

/** The kafkajs RequestQueue class, as every kafkajs client in this process uses it. */
export function kafkajsRequestQueue(): { prototype: RequestQueueInternals } {
  const load = createRequire(require.resolve('kafkajs'));
  return load('./src/network/requestQueue') as { prototype: RequestQueueInternals };
}

// Idempotent (it assigns the same function), so loading this module twice does no harm.
function applyKafkajsIdleLoopFix(): void {
  const RequestQueue = kafkajsRequestQueue();
  if (typeof RequestQueue.prototype.scheduleCheckPendingRequests !== 'function') {
    // A kafkajs that no longer has the method has changed too much to patch blindly.
    throw new Error('kafkajs RequestQueue.scheduleCheckPendingRequests not found: review kafkajs-idle-loop-fix.ts');
  }
  RequestQueue.prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequests;
}

applyKafkajsIdleLoopFix();
