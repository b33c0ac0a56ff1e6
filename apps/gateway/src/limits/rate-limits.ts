/**
 * Rate limits per caller: token buckets, one per signed-in user (the token's subject) and
 * one per client address. A bucket holds up to `burst` tokens and refills at `perSecond`;
 * each GraphQL request, graphql-ws connection and graphql-ws operation takes one. An empty
 * bucket answers with how long until it holds a token again (Retry-After).
 *
 * The buckets live behind RateLimitStore. InMemoryRateLimitStore serves one gateway
 * process, which is what runs today; with several gateways behind a load balancer each
 * would grant its own share (a caller spread over three gets three times the rate), and
 * the store to use then is a shared one with an atomic take, such as Redis running the
 * same refill-and-take as one Lua script (`EVALSHA`) on a hash per bucket with a TTL of
 * `burst / perSecond` seconds. Only this interface changes hands.
 */

export interface BucketRule {
  /** Tokens added per second. */
  perSecond: number;
  /** The most tokens a bucket holds: the burst a quiet caller may send at once. */
  burst: number;
}

export type Admission = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimitStore {
  /** Takes one token from the bucket `key` (created full), or says when one will be there. */
  take(key: string, rule: BucketRule, nowMs: number): Admission | Promise<Admission>;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
  /** When, untouched, it will be full again: from then on it can be forgotten. */
  fullAtMs: number;
}

/** Buckets refilled to full carry no information: past this many, they are dropped first. */
const SWEEP_ABOVE = 50_000;
/** A hard bound, whatever the traffic: the oldest buckets go (their callers start full). */
const MAX_BUCKETS = 200_000;

export class InMemoryRateLimitStore implements RateLimitStore {
  private readonly buckets = new Map<string, Bucket>();

  take(key: string, rule: BucketRule, nowMs: number): Admission {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= SWEEP_ABOVE) this.sweep(nowMs);
      bucket = { tokens: rule.burst, updatedMs: nowMs, fullAtMs: nowMs };
      this.buckets.set(key, bucket);
    } else {
      const elapsed = Math.max(0, nowMs - bucket.updatedMs) / 1000;
      bucket.tokens = Math.min(rule.burst, bucket.tokens + elapsed * rule.perSecond);
      bucket.updatedMs = nowMs;
    }
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    bucket.fullAtMs = nowMs + ((rule.burst - bucket.tokens) / rule.perSecond) * 1000;
    return allowed ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / rule.perSecond)) };
  }

  get size(): number {
    return this.buckets.size;
  }

  private sweep(nowMs: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.fullAtMs <= nowMs) this.buckets.delete(key);
    }
    // Map iteration is insertion order: what is left over the bound goes oldest first.
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < MAX_BUCKETS) break;
      this.buckets.delete(key);
    }
  }
}

export interface RateLimitRules {
  user: BucketRule;
  address: BucketRule;
}

/** The gateway's two limits over one store: per user and per client address. */
export class RateLimits {
  constructor(
    private readonly rules: RateLimitRules,
    private readonly store: RateLimitStore = new InMemoryRateLimitStore(),
    private readonly now: () => number = Date.now,
  ) {}

  forUser(subject: string): Admission | Promise<Admission> {
    return this.store.take(`user:${subject}`, this.rules.user, this.now());
  }

  forAddress(address: string): Admission | Promise<Admission> {
    return this.store.take(`address:${address}`, this.rules.address, this.now());
  }
}
