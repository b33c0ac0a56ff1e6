/**
 * The correlation ids a service instance has taken on, each kept until its request's
 * deadline: a request whose id was seen is a replay (the gateway never reuses one), and is
 * not handled again. Only authentic requests are recorded (after the signature, which
 * covers the id and the deadline, verifies), so nobody can burn an id they did not sign.
 *
 * In memory, per instance, on purpose: a service that died before its reply went out
 * reads the request again on restart with an empty ledger, and answers it (it had not).
 * A copy produced onto a partition another instance reads is not seen here; the broker's
 * ACLs let only the gateway produce requests (docs/adr/0009-keys-per-purpose.md).
 */
export const MAX_LEDGER_ENTRIES = 100_000;

export class RequestLedger {
  /** Insertion order is nearly deadline order (deadlines are now + one timeout). */
  private readonly deadlines = new Map<string, number>();
  evicted = 0;

  constructor(private readonly maxEntries = MAX_LEDGER_ENTRIES) {}

  /** Records the id; false when it was already recorded and its deadline has not passed. */
  claim(correlationId: string, deadline: number, now: number = Date.now()): boolean {
    this.forgetExpired(now);
    const seen = this.deadlines.get(correlationId);
    if (seen !== undefined && seen > now) return false;
    if (this.deadlines.size >= this.maxEntries) {
      // Bounded memory first: the oldest entry goes (its deadline is among the nearest).
      const oldest = this.deadlines.keys().next().value;
      if (oldest !== undefined) this.deadlines.delete(oldest);
      this.evicted += 1;
    }
    this.deadlines.set(correlationId, deadline);
    return true;
  }

  get size(): number {
    return this.deadlines.size;
  }

  private forgetExpired(now: number): void {
    for (const [id, deadline] of this.deadlines) {
      if (deadline > now) return;
      this.deadlines.delete(id);
    }
  }
}
