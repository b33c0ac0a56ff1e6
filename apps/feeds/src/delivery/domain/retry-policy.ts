/**
 * What happens after an attempt: delivered (2xx), the endpoint gone for good (410: the
 * subscription is disabled), or another attempt later on the schedule (with jitter),
 * honouring Retry-After on 429 and 503, until the schedule runs out.
 */
export interface AttemptResult {
  /** The HTTP status; undefined when nothing answered (timeout, refused, reset). */
  status?: number;
  retryAfter?: string | null;
}

export type Decision =
  | { kind: 'delivered' }
  | { kind: 'disable'; reason: string }
  | { kind: 'retry'; delayMs: number }
  | { kind: 'give-up' };

export interface RetryPolicy {
  /** Delay before each attempt; entry 0 is the first attempt's. */
  scheduleMs: readonly number[];
  jitter: number;
  maxRetryAfterMs: number;
  random?: () => number;
  now?: () => number;
}

/** `attempts`: how many attempts have been made, this one included. */
export function decide(result: AttemptResult, attempts: number, policy: RetryPolicy): Decision {
  const status = result.status;
  if (status !== undefined && status >= 200 && status < 300) return { kind: 'delivered' };
  if (status === 410) return { kind: 'disable', reason: 'The endpoint answered 410 Gone.' };
  if (attempts >= policy.scheduleMs.length) return { kind: 'give-up' };
  const scheduled = policy.scheduleMs[attempts];
  const jittered = Math.round(scheduled * (1 + policy.jitter * (policy.random ?? Math.random)()));
  if ((status === 429 || status === 503) && result.retryAfter) {
    const asked = retryAfterMs(result.retryAfter, policy.now?.() ?? Date.now());
    if (asked !== undefined) return { kind: 'retry', delayMs: Math.min(Math.max(asked, 0), policy.maxRetryAfterMs) };
  }
  return { kind: 'retry', delayMs: jittered };
}

/** Retry-After is seconds or an HTTP date. */
export function retryAfterMs(value: string, now: number): number | undefined {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1_000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : date - now;
}
