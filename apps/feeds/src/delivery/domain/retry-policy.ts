/**
 * What happens after an attempt: delivered (2xx); the endpoint disabled (it answered
 * 410 Gone, or every attempt has failed for the configured window, 5 days by default);
 * or another attempt later on the schedule (with jitter), honouring Retry-After on 429
 * and 503, until the schedule runs out. A Retry-After is the endpoint's, not one
 * delivery's: `pauseAskedMs` is how long every delivery to it waits.
 */
export interface AttemptResult {
  /** The HTTP status; undefined when nothing answered (timeout, refused, reset). */
  status?: number;
  retryAfter?: string | null;
}

export type DisableReason = 'GONE_410' | 'FAILING_5_DAYS';

export type Decision =
  | { kind: 'delivered' }
  | { kind: 'disable'; reason: DisableReason; message: string }
  | { kind: 'retry'; delayMs: number }
  | { kind: 'give-up' };

export interface RetryPolicy {
  /** Delay before each attempt; entry 0 is the first attempt's. */
  scheduleMs: readonly number[];
  jitter: number;
  maxRetryAfterMs: number;
  /** An endpoint failing without a break (see `decide`) for this long is disabled. */
  disableAfterFailingMs?: number;
  random?: () => number;
  now?: () => number;
}

export function isSuccess(result: AttemptResult): boolean {
  return result.status !== undefined && result.status >= 200 && result.status < 300;
}

/**
 * `attempts`: how many attempts have been made since the delivery was (re)queued, this one
 * included. `failingSince`: when the endpoint's current run of failures began, this
 * attempt's failure included. A run is continuous failure: it ends with a success, or when
 * the endpoint has no delivery left to retry (undefined then), so a failure after a quiet
 * spell starts a run of its own and does not count the spell.
 */
export function decide(result: AttemptResult, attempts: number, policy: RetryPolicy, failingSince?: Date): Decision {
  const status = result.status;
  const now = policy.now?.() ?? Date.now();
  if (isSuccess(result)) return { kind: 'delivered' };
  if (status === 410) return { kind: 'disable', reason: 'GONE_410', message: 'The endpoint answered 410 Gone.' };
  if (failingSince && policy.disableAfterFailingMs !== undefined && now - failingSince.getTime() >= policy.disableAfterFailingMs) {
    return { kind: 'disable', reason: 'FAILING_5_DAYS', message: `Every attempt has failed since ${failingSince.toISOString()}.` };
  }
  if (attempts >= policy.scheduleMs.length) return { kind: 'give-up' };
  const scheduled = policy.scheduleMs[attempts];
  const jittered = Math.round(scheduled * (1 + policy.jitter * (policy.random ?? Math.random)()));
  const asked = pauseAskedMs(result, policy);
  return { kind: 'retry', delayMs: asked ?? jittered };
}

/**
 * How long the endpoint asked to be left alone (429 or 503 with a Retry-After), capped
 * at maxRetryAfterMs; undefined when it did not ask, or asked in a form not understood.
 */
export function pauseAskedMs(result: AttemptResult, policy: Pick<RetryPolicy, 'maxRetryAfterMs' | 'now'>): number | undefined {
  if ((result.status !== 429 && result.status !== 503) || !result.retryAfter) return undefined;
  const asked = retryAfterMs(result.retryAfter, policy.now?.() ?? Date.now());
  return asked === undefined ? undefined : Math.min(Math.max(asked, 0), policy.maxRetryAfterMs);
}

/** Retry-After is seconds or an HTTP date. */
export function retryAfterMs(value: string, now: number): number | undefined {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1_000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : date - now;
}
