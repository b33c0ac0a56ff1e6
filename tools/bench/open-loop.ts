// Load at a steady offered rate, as real traffic arrives: sends leave on a fixed schedule
// (send i is due at start + i / rate) whether or not earlier ones were answered, so a slow
// platform meets the same arrivals instead of being given time to catch up (a closed loop
// waits for each reply and hides its own queueing). Sends are bounded in flight: when the
// bound is reached a due send is dropped and counted, never queued. If the client itself
// falls behind its schedule (a busy event loop), late sends go at once to keep the
// offered rate, and how late they went is reported.
//
// What happens after a send (a reply, an event arriving elsewhere) is timed by the
// caller; deliveries pairs a send with its arrival whichever comes first.
import { performance } from 'node:perf_hooks';
import { percentile } from './percentiles';

/** One send; rejects on failure. Each send must bound its own wait (a timeout). */
export type Send = (index: number) => Promise<void>;

export interface OpenLoopPlan {
  ratePerSecond: number;
  durationSeconds: number;
  maxInFlight: number;
}

export interface OpenLoopOutcome {
  /** Sends due over the duration. */
  offered: number;
  /** Sends started (offered minus dropped). */
  sent: number;
  /** Due while maxInFlight sends were outstanding: not sent. */
  dropped: number;
  /** Started and rejected. */
  failed: number;
  firstError?: string;
  /** performance.now() when the first send was due. */
  startedAt: number;
  /** From the first due send to the last one leaving. */
  windowMs: number;
  /** From the first due send until every send had settled (replied or failed). */
  settledMs: number;
  /** How late sends left after their due time (ms): the client's own delay. */
  lagMs: { p99: number; max: number };
}

export async function runOpenLoop(send: Send, plan: OpenLoopPlan, sleep = sleepMs): Promise<OpenLoopOutcome> {
  const offered = Math.round(plan.ratePerSecond * plan.durationSeconds);
  const intervalMs = 1000 / plan.ratePerSecond;
  const pending = new Set<Promise<void>>();
  const lags: number[] = [];
  let dropped = 0;
  let failed = 0;
  let firstError: string | undefined;
  const startedAt = performance.now();
  for (let index = 0; index < offered; index += 1) {
    const due = startedAt + index * intervalMs;
    // A timer can fire early by a fraction of a millisecond (and by more on a busy event
    // loop, whose cached clock runs behind): sleep until the send is really due.
    for (let wait = due - performance.now(); wait > 0; wait = due - performance.now()) await sleep(wait);
    lags.push(Math.max(0, performance.now() - due));
    if (pending.size >= plan.maxInFlight) {
      dropped += 1;
      continue;
    }
    const call: Promise<void> = send(index)
      .catch((error: unknown) => {
        failed += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      })
      .finally(() => pending.delete(call));
    pending.add(call);
  }
  const windowMs = performance.now() - startedAt;
  await Promise.all(pending);
  const settledMs = performance.now() - startedAt;
  lags.sort((a, b) => a - b);
  return {
    offered,
    sent: offered - dropped,
    dropped,
    failed,
    ...(firstError ? { firstError } : {}),
    startedAt,
    windowMs,
    settledMs,
    lagMs: { p99: percentile(lags, 99), max: lags.at(-1) ?? Number.NaN },
  };
}

function sleepMs(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
