import { decide, pauseAskedMs, retryAfterMs, type RetryPolicy } from './retry-policy';

const policy: RetryPolicy = { scheduleMs: [0, 5_000, 300_000], jitter: 0.1, maxRetryAfterMs: 3_600_000, random: () => 0.5, now: () => 1_000_000 };

describe('retry policy', () => {
  it('is delivered on any 2xx', () => {
    expect(decide({ status: 200 }, 1, policy)).toEqual({ kind: 'delivered' });
    expect(decide({ status: 204 }, 3, policy)).toEqual({ kind: 'delivered' });
  });

  it('retries failures on the schedule, with jitter, then gives up', () => {
    expect(decide({ status: 500 }, 1, policy)).toEqual({ kind: 'retry', delayMs: 5_250 });
    expect(decide({}, 2, policy)).toEqual({ kind: 'retry', delayMs: 315_000 });
    expect(decide({ status: 500 }, 3, policy)).toEqual({ kind: 'give-up' });
    expect(decide({ status: 302 }, 1, policy).kind).toBe('retry');
  });

  it('disables the endpoint on 410 Gone', () => {
    expect(decide({ status: 410 }, 1, policy)).toMatchObject({ kind: 'disable', reason: 'GONE_410' });
  });

  it('disables an endpoint that has failed without a break for the window, whatever the schedule', () => {
    const window = { ...policy, disableAfterFailingMs: 5 * 86_400_000 };
    const since = (ms: number) => new Date(1_000_000 - ms);
    expect(decide({ status: 500 }, 1, window, since(5 * 86_400_000))).toMatchObject({ kind: 'disable', reason: 'FAILING_5_DAYS' });
    expect(decide({}, 9, window, since(6 * 86_400_000))).toMatchObject({ kind: 'disable', reason: 'FAILING_5_DAYS' });
    expect(decide({ status: 500 }, 1, window, since(5 * 86_400_000 - 1))).toEqual({ kind: 'retry', delayMs: 5_250 });
    expect(decide({ status: 500 }, 3, window, since(1_000))).toEqual({ kind: 'give-up' });
    // A success ends the run, however long it was.
    expect(decide({ status: 200 }, 1, window, since(9 * 86_400_000))).toEqual({ kind: 'delivered' });
    expect(decide({ status: 410 }, 1, window, since(9 * 86_400_000))).toMatchObject({ reason: 'GONE_410' });
  });

  it('honours Retry-After on 429, in seconds or as a date, capped', () => {
    expect(decide({ status: 429, retryAfter: '7' }, 1, policy)).toEqual({ kind: 'retry', delayMs: 7_000 });
    expect(decide({ status: 429, retryAfter: new Date(1_000_000 + 60_000).toUTCString() }, 1, policy).kind).toBe('retry');
    expect(decide({ status: 429, retryAfter: '999999' }, 1, policy)).toEqual({ kind: 'retry', delayMs: 3_600_000 });
    expect(decide({ status: 429, retryAfter: 'soon' }, 1, policy)).toEqual({ kind: 'retry', delayMs: 5_250 });
    expect(retryAfterMs(' 3 ', 0)).toBe(3_000);
  });

  it('reads the pause an endpoint asks for (429 or 503 with Retry-After), capped, for every delivery to it, even when this one gives up', () => {
    expect(pauseAskedMs({ status: 429, retryAfter: '7' }, policy)).toBe(7_000);
    expect(pauseAskedMs({ status: 503, retryAfter: new Date(1_000_000 + 60_000).toUTCString() }, policy)).toBe(60_000);
    expect(pauseAskedMs({ status: 503, retryAfter: '999999' }, policy)).toBe(3_600_000);
    expect(pauseAskedMs({ status: 429, retryAfter: new Date(0).toUTCString() }, policy)).toBe(0);
    expect(decide({ status: 429, retryAfter: '7' }, 3, policy)).toEqual({ kind: 'give-up' });
    // Nothing asked: no pause.
    for (const result of [{ status: 429 }, { status: 429, retryAfter: 'soon' }, { status: 500, retryAfter: '7' }, { status: 200, retryAfter: '7' }, {}]) {
      expect(pauseAskedMs(result, policy)).toBeUndefined();
    }
  });
});
