import { InMemoryRateLimitStore, RateLimits } from './rate-limits';

describe('InMemoryRateLimitStore', () => {
  const rule = { perSecond: 2, burst: 3 };

  it('grants a burst, then refills at the rate, telling how long to wait meanwhile', () => {
    const store = new InMemoryRateLimitStore();
    const at = (ms: number) => store.take('k', rule, ms);
    expect([at(0), at(0), at(0)]).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    expect(at(0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(at(499)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(at(500)).toEqual({ allowed: true });
    expect(at(500)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    // A long pause refills to the burst, not beyond.
    expect([at(60_000), at(60_000), at(60_000), at(60_000)].map((admission) => admission.allowed)).toEqual([true, true, true, false]);
  });

  it('waits in whole seconds, at least one, however slow the refill', () => {
    const store = new InMemoryRateLimitStore();
    const slow = { perSecond: 0.1, burst: 1 };
    store.take('k', slow, 0);
    expect(store.take('k', slow, 0)).toEqual({ allowed: false, retryAfterSeconds: 10 });
  });

  it('keeps its buckets apart, and forgets full ones when there are many', () => {
    const store = new InMemoryRateLimitStore();
    for (let i = 0; i < 50_000; i += 1) store.take(`caller-${i}`, rule, 0);
    expect(store.size).toBe(50_000);
    // Each has 2 of 3 tokens left; by 1 s they are full again and go at the next sweep.
    store.take('newcomer', rule, 1_000);
    expect(store.size).toBe(1);
  });
});

describe('RateLimits', () => {
  it('counts users and addresses in buckets of their own, each by its rule', () => {
    let now = 0;
    const limits = new RateLimits({ user: { perSecond: 1, burst: 1 }, address: { perSecond: 1, burst: 2 } }, undefined, () => now);
    expect(limits.forUser('same')).toEqual({ allowed: true });
    expect(limits.forAddress('same')).toEqual({ allowed: true });
    expect(limits.forAddress('same')).toEqual({ allowed: true });
    expect(limits.forUser('same')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limits.forAddress('same')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now = 1_000;
    expect(limits.forUser('same')).toEqual({ allowed: true });
  });
});
